import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cassandraJvmOptions, cassandraLogbackXml, cassandraYaml } from './cassandra-files.js';
import type { StackConfig } from './config.js';
import { classpathOf, findJar, javaBinary } from './java.js';
import { storeLayout } from './layout.js';
import { fetchRuntimeJars, type MavenArtifact } from './maven.js';
import { spawnDetached } from './process.js';
import { cassandraAnswers } from './readiness.js';
import type { Store } from './store.js';

/** 5.0 is the only Cassandra line that runs on Java 17. */
const CASSANDRA_ARTIFACTS: readonly MavenArtifact[] = [
  { groupId: 'org.apache.cassandra', artifactId: 'cassandra-all', version: '5.0.9' },
];

export function cassandraStore(config: StackConfig): Store {
  const { port, storagePort, heap } = config.cassandra;
  const layout = storeLayout(config.stackDir, 'cassandra');
  const yamlFile = path.join(layout.conf, 'cassandra.yaml');
  const logbackFile = path.join(layout.conf, 'logback.xml');
  const jnaTmpDir = path.join(layout.root, 'tmp');

  return {
    name: 'cassandra',
    layout,
    clientPort: port,
    ports: [port, storagePort],
    readinessActivity: 'waiting for CQL',
    readyTimeoutMs: 180_000,
    logFiles: [layout.logFile],
    install: (progress) => fetchRuntimeJars(layout, CASSANDRA_ARTIFACTS, config.javaHome, progress),
    async start() {
      mkdirSync(layout.conf, { recursive: true });
      mkdirSync(jnaTmpDir, { recursive: true });
      writeFileSync(yamlFile, cassandraYaml({ nativePort: port, storagePort }));
      writeFileSync(logbackFile, cassandraLogbackXml());
      const jvmOptions = cassandraJvmOptions({
        heap,
        jammJar: findJar(layout.lib, 'jamm'),
        yamlFile,
        logbackFile,
        storageDir: layout.data,
        logDir: layout.logs,
        jnaTmpDir,
      });
      return spawnDetached(
        javaBinary(config.javaHome),
        [
          ...jvmOptions,
          '-cp',
          classpathOf(layout.lib),
          'org.apache.cassandra.service.CassandraDaemon',
        ],
        { cwd: layout.root, logFile: layout.logFile },
      );
    },
    isReady: () => cassandraAnswers(port),
  };
}
