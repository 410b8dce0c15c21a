import { cassandraJvmOptions, cassandraYaml } from './cassandra-files.js';

describe('cassandraYaml', () => {
  const yaml = cassandraYaml({ nativePort: 19042, storagePort: 17000 });

  it('binds CQL and storage to the configured loopback ports and seeds itself', () => {
    expect(yaml).toContain('native_transport_port: 19042\n');
    expect(yaml).toContain('storage_port: 17000\n');
    expect(yaml).toContain('listen_address: 127.0.0.1\n');
    expect(yaml).toContain('rpc_address: 127.0.0.1\n');
    expect(yaml).toContain('- seeds: "127.0.0.1:17000"');
  });

  it('uses 5.0 key names with units', () => {
    expect(yaml).toContain('commitlog_sync_period: 10000ms\n');
    expect(yaml).toContain('memtable_heap_space: 128MiB\n');
    expect(yaml).not.toMatch(/_in_(ms|mb|kb)\b/);
  });
});

describe('cassandraJvmOptions', () => {
  const options = cassandraJvmOptions({
    heap: '1g',
    jammJar: '/stack/cassandra/lib/jamm-0.4.0.jar',
    yamlFile: '/stack/cassandra/conf/cassandra.yaml',
    logbackFile: '/stack/cassandra/conf/logback.xml',
    storageDir: '/stack/cassandra/data',
    logDir: '/stack/cassandra/logs',
    jnaTmpDir: '/stack/cassandra/tmp',
  });

  it('fixes the heap and loads jamm as an agent', () => {
    expect(options).toEqual(
      expect.arrayContaining([
        '-Xms1g',
        '-Xmx1g',
        '-javaagent:/stack/cassandra/lib/jamm-0.4.0.jar',
      ]),
    );
  });

  it('opens the JDK internals Cassandra reaches into on Java 17', () => {
    const opened = options.flatMap((option, index) =>
      option === '--add-opens' ? [options[index + 1]] : [],
    );
    expect(opened).toEqual(
      expect.arrayContaining([
        'java.base/java.nio=ALL-UNNAMED',
        'java.base/sun.nio.ch=ALL-UNNAMED',
      ]),
    );
  });

  it('passes the config as a file URL and keeps the console log open', () => {
    expect(options).toContain('-Dcassandra.config=file:///stack/cassandra/conf/cassandra.yaml');
    expect(options).toContain('-Dcassandra-foreground=yes');
    expect(options).toContain('-Djna.tmpdir=/stack/cassandra/tmp');
  });
});
