import { pathToFileURL } from 'node:url';
import { STACK_HOST } from './ports.js';

export interface CassandraYamlSettings {
  readonly nativePort: number;
  readonly storagePort: number;
}

/**
 * cassandra.yaml with 5.0 key names (5.0 rejects unknown keys). Directories are left out on purpose:
 * they default to folders under -Dcassandra.storagedir. Thread pools and caches are sized for 2 cores.
 */
export function cassandraYaml({ nativePort, storagePort }: CassandraYamlSettings): string {
  return `cluster_name: local-stack
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
listen_address: ${STACK_HOST}
rpc_address: ${STACK_HOST}
storage_port: ${storagePort}
native_transport_port: ${nativePort}
start_native_transport: true
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "${STACK_HOST}:${storagePort}"
commitlog_sync: periodic
commitlog_sync_period: 10000ms
auto_snapshot: false
memtable_heap_space: 128MiB
memtable_offheap_space: 128MiB
key_cache_size: 16MiB
counter_cache_size: 8MiB
concurrent_reads: 8
concurrent_writes: 8
concurrent_counter_writes: 4
concurrent_compactors: 1
memtable_flush_writers: 1
`;
}

/** Console only: the process's stdout is already the log file. */
export function cassandraLogbackXml(): string {
  return `<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
`;
}

/** From apache/cassandra cassandra-5.0 conf/jvm-server.options (flags that apply to Java 17). */
const JVM_SERVER_OPTIONS = [
  '-ea',
  '-da:net.openhft...',
  '-XX:+UseThreadPriorities',
  '-XX:+HeapDumpOnOutOfMemoryError',
  '-Xss256k',
  '-XX:+AlwaysPreTouch',
  '-XX:+UseTLAB',
  '-XX:+ResizeTLAB',
  '-XX:+UseNUMA',
  '-XX:+PerfDisableSharedMem',
  '-Djava.net.preferIPv4Stack=true',
];

/** From apache/cassandra cassandra-5.0 conf/jvm17-server.options. */
const JVM17_SERVER_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:+ParallelRefProcEnabled',
  '-XX:MaxTenuringThreshold=1',
  '-XX:G1HeapRegionSize=16m',
  '-XX:G1RSetUpdatingPauseTimePercent=5',
  '-XX:MaxGCPauseMillis=300',
  '-XX:InitiatingHeapOccupancyPercent=70',
  '-Djdk.attach.allowAttachSelf=true',
  ...[
    'java.base/jdk.internal.misc',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'java.base/java.lang.ref',
    'jdk.unsupported/sun.misc',
    'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach',
  ].flatMap((modulePackage) => ['--add-exports', `${modulePackage}=ALL-UNNAMED`]),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.lang.reflect',
    'jdk.compiler/com.sun.tools.javac',
    'java.base/java.lang',
    'java.base/java.util',
    'java.base/java.nio',
  ].flatMap((modulePackage) => ['--add-opens', `${modulePackage}=ALL-UNNAMED`]),
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.allocator.useCacheForAllThreads=true',
  '-Dio.netty.allocator.maxOrder=11',
];

export interface CassandraJvmSettings {
  readonly heap: string;
  readonly jammJar: string;
  readonly yamlFile: string;
  readonly logbackFile: string;
  readonly storageDir: string;
  readonly logDir: string;
  readonly jnaTmpDir: string;
}

/** What bin/cassandra and cassandra-env.sh would pass, minus remote JMX (nothing here needs nodetool). */
export function cassandraJvmOptions(settings: CassandraJvmSettings): string[] {
  return [
    ...JVM_SERVER_OPTIONS,
    ...JVM17_SERVER_OPTIONS,
    `-Xms${settings.heap}`,
    `-Xmx${settings.heap}`,
    '-XX:+ExitOnOutOfMemoryError',
    // Cassandra measures object sizes with jamm, which must be loaded as an agent.
    `-javaagent:${settings.jammJar}`,
    `-Dcassandra.config=${pathToFileURL(settings.yamlFile).href}`,
    `-Dcassandra.storagedir=${settings.storageDir}`,
    `-Dcassandra.logdir=${settings.logDir}`,
    `-Dlogback.configurationFile=${settings.logbackFile}`,
    // Keeps stdout open after startup; otherwise Cassandra closes it and the console log goes silent.
    '-Dcassandra-foreground=yes',
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.unsafesystem=true',
    '-Dcassandra.system_distributed.default_rf=1',
    '-Dcassandra.system_traces.default_rf=1',
    // JNA unpacks a native library and must be able to execute it, which a noexec /tmp forbids.
    `-Djna.tmpdir=${settings.jnaTmpDir}`,
  ];
}
