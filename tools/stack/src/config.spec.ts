import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, type Env } from './config.js';

const fakeJdks = mkdtempSync(path.join(os.tmpdir(), 'stack-jdk-'));
afterAll(() => rmSync(fakeJdks, { recursive: true, force: true }));

/** A fake JDK folder: bin/java plus the `release` file the version check reads. */
function fakeJavaHome(version: string): string {
  const home = path.join(fakeJdks, version);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  writeFileSync(path.join(home, 'bin', 'java'), '');
  writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}"\n`);
  return home;
}

const java17 = fakeJavaHome('17.0.15');
const load = (env: Env) => loadConfig({ STACK_JAVA_HOME: java17, ...env }, '/repo');

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = load({});
    expect(config.stackDir).toBe('/repo/.stack');
    expect(config.kafka).toEqual({ port: 9092, controllerPort: 9093, heap: '512m' });
    expect(config.cassandra).toEqual({ port: 9042, storagePort: 7000, heap: '1g' });
    expect(config.clickhouse).toEqual({
      httpPort: 8123,
      tcpPort: 9000,
      maxMemoryUsageBytes: 2_000_000_000,
    });
  });

  it('reads every variable, resolving STACK_DIR against the repo and treating empty as unset', () => {
    const config = load({
      STACK_DIR: 'tmp/stack',
      STACK_KAFKA_PORT: '19092',
      STACK_KAFKA_CONTROLLER_PORT: '19093',
      STACK_KAFKA_HEAP: '256M',
      STACK_CASSANDRA_PORT: '19042',
      STACK_CASSANDRA_STORAGE_PORT: '',
      STACK_CASSANDRA_HEAP: '2g',
      STACK_CLICKHOUSE_HTTP_PORT: '18123',
      STACK_CLICKHOUSE_TCP_PORT: '19000',
      STACK_CLICKHOUSE_MAX_MEMORY: '1000000',
    });
    expect(config.stackDir).toBe('/repo/tmp/stack');
    expect(config.javaHome).toBe(java17);
    expect(config.kafka).toEqual({ port: 19092, controllerPort: 19093, heap: '256M' });
    expect(config.cassandra).toEqual({ port: 19042, storagePort: 7000, heap: '2g' });
    expect(config.clickhouse).toEqual({
      httpPort: 18123,
      tcpPort: 19000,
      maxMemoryUsageBytes: 1_000_000,
    });
  });

  it.each([
    [
      'STACK_KAFKA_PORT',
      'abc',
      'STACK_KAFKA_PORT must be a TCP port number between 1 and 65535 (got "abc")',
    ],
    [
      'STACK_CASSANDRA_PORT',
      '70000',
      'STACK_CASSANDRA_PORT must be a TCP port number between 1 and 65535 (got "70000")',
    ],
    ['STACK_CLICKHOUSE_TCP_PORT', '0', 'STACK_CLICKHOUSE_TCP_PORT must be a TCP port'],
    [
      'STACK_KAFKA_HEAP',
      '512',
      'STACK_KAFKA_HEAP must be a JVM heap size such as 512m or 1g (got "512")',
    ],
    ['STACK_CASSANDRA_HEAP', '1gb', 'STACK_CASSANDRA_HEAP must be a JVM heap size'],
    [
      'STACK_CLICKHOUSE_MAX_MEMORY',
      '2GB',
      'STACK_CLICKHOUSE_MAX_MEMORY must be a positive whole number of bytes (got "2GB")',
    ],
  ])('rejects %s=%s with a message naming the variable', (variable, value, message) => {
    expect(() => load({ [variable]: value })).toThrow(ConfigError);
    expect(() => load({ [variable]: value })).toThrow(message);
  });

  it('rejects two stores sharing a port', () => {
    expect(() => load({ STACK_CLICKHOUSE_TCP_PORT: '9092' })).toThrow(
      'STACK_KAFKA_PORT and STACK_CLICKHOUSE_TCP_PORT are both 9092',
    );
  });

  it('rejects a Java home without a java binary', () => {
    expect(() => loadConfig({ STACK_JAVA_HOME: '/nowhere' }, '/repo')).toThrow(
      'STACK_JAVA_HOME: no Java at /nowhere/bin/java',
    );
  });

  it('rejects a Java that Cassandra 5.0 cannot run on', () => {
    const java25 = fakeJavaHome('25.0.3');
    expect(() => loadConfig({ STACK_JAVA_HOME: java25 }, '/repo')).toThrow(
      `STACK_JAVA_HOME: ${java25} is Java 25, but Cassandra 5.0 needs Java 11 or 17`,
    );
  });
});
