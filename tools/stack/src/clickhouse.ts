import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { aptInstall, findExecutable } from './apt.js';
import { clickhouseConfigXml, clickhouseUsersXml } from './clickhouse-files.js';
import type { StackConfig } from './config.js';
import { storeLayout } from './layout.js';
import { spawnDetached } from './process.js';
import { withHeartbeat } from './progress.js';
import { clickhousePingAnswers } from './readiness.js';
import type { Store } from './store.js';

const SERVER_BINARY = 'clickhouse-server';

export function clickhouseStore(config: StackConfig): Store {
  const { httpPort, tcpPort, maxMemoryUsageBytes } = config.clickhouse;
  const layout = storeLayout(config.stackDir, 'clickhouse');
  const configFile = path.join(layout.conf, 'config.xml');
  const usersFile = path.join(layout.conf, 'users.xml');
  const serverLogFile = path.join(layout.logs, 'clickhouse-server.log');

  return {
    name: 'clickhouse',
    layout,
    clientPort: httpPort,
    ports: [httpPort, tcpPort],
    readinessActivity: 'waiting for HTTP /ping',
    readyTimeoutMs: 60_000,
    logFiles: [layout.logFile, serverLogFile],
    async install(progress) {
      if (findExecutable(SERVER_BINARY) !== undefined) return;
      // kcat rides along: an independent Kafka client for tests and debugging.
      await withHeartbeat(
        progress,
        'installing clickhouse-server, clickhouse-client and kcat with apt-get',
        () =>
          aptInstall({
            packages: ['clickhouse-server', 'clickhouse-client'],
            optionalPackages: ['kcat'],
            logFile: layout.installLog,
          }),
      );
    },
    async start() {
      const serverBinary = findExecutable(SERVER_BINARY);
      if (serverBinary === undefined) throw new Error(`${SERVER_BINARY} is not installed`);
      mkdirSync(layout.conf, { recursive: true });
      mkdirSync(layout.data, { recursive: true });
      writeFileSync(
        configFile,
        clickhouseConfigXml({ httpPort, tcpPort, dataDir: layout.data, usersFile, serverLogFile }),
      );
      writeFileSync(usersFile, clickhouseUsersXml(maxMemoryUsageBytes));
      return spawnDetached(serverBinary, [`--config-file=${configFile}`], {
        cwd: layout.root,
        logFile: layout.logFile,
      });
    },
    isReady: () => clickhousePingAnswers(httpPort),
  };
}
