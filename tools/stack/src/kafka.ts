import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StackConfig } from './config.js';
import { classpathOf, javaBinary } from './java.js';
import { kafkaLog4jProperties, kafkaServerProperties } from './kafka-files.js';
import { storeLayout } from './layout.js';
import { fetchRuntimeJars, type MavenArtifact } from './maven.js';
import { run, spawnDetached } from './process.js';
import { kafkaAnswers } from './readiness.js';
import type { Store } from './store.js';

/** 3.9 rather than 4.x: kafkajs 2.2.4 keeps failing to find the group coordinator on 4.0 (tulios/kafkajs#1752). */
const KAFKA_ARTIFACTS: readonly MavenArtifact[] = [
  { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: '3.9.2' },
  // kafka_2.13 brings no SLF4J binding; without one the broker logs nothing at all.
  { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' },
  { groupId: 'ch.qos.reload4j', artifactId: 'reload4j', version: '1.2.25' },
];

/** The GC flags of Kafka's own start scripts. */
const KAFKA_GC_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
];

export function kafkaStore(config: StackConfig): Store {
  const { port, controllerPort, heap } = config.kafka;
  const layout = storeLayout(config.stackDir, 'kafka');
  const serverProperties = path.join(layout.conf, 'server.properties');
  const log4jProperties = path.join(layout.conf, 'log4j.properties');
  const java = javaBinary(config.javaHome);
  const commonJvmArgs = [
    '-cp',
    classpathOf(layout.lib),
    `-Dlog4j.configuration=file:${log4jProperties}`,
  ];
  const runTool = (args: readonly string[]): Promise<string> =>
    run(java, [...commonJvmArgs, 'kafka.tools.StorageTool', ...args], {
      cwd: layout.root,
      logFile: layout.logFile,
    });

  return {
    name: 'kafka',
    layout,
    clientPort: port,
    ports: [port, controllerPort],
    readinessActivity: 'waiting for the broker',
    readyTimeoutMs: 90_000,
    logFiles: [layout.logFile],
    install: (progress) => fetchRuntimeJars(layout, KAFKA_ARTIFACTS, config.javaHome, progress),
    async start(progress) {
      mkdirSync(layout.conf, { recursive: true });
      writeFileSync(
        serverProperties,
        kafkaServerProperties({ port, controllerPort, logDir: layout.data }),
      );
      writeFileSync(log4jProperties, kafkaLog4jProperties());
      if (!existsSync(path.join(layout.data, 'meta.properties'))) {
        progress('formatting the KRaft log directory');
        // The tool logs through log4j to stdout too, so the id is its last line.
        const clusterId = (await runTool(['random-uuid'])).trim().split('\n').at(-1) ?? '';
        await runTool(['format', '-t', clusterId, '-c', serverProperties, '--ignore-formatted']);
      }
      return spawnDetached(
        java,
        [
          `-Xms${heap}`,
          `-Xmx${heap}`,
          ...KAFKA_GC_OPTIONS,
          '-Djava.awt.headless=true',
          ...commonJvmArgs,
          'kafka.Kafka',
          serverProperties,
        ],
        { cwd: layout.root, logFile: layout.logFile },
      );
    },
    isReady: () => kafkaAnswers(port),
  };
}
