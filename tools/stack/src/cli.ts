import path from 'node:path';
import { ConfigError, loadConfig, type StackConfig } from './config.js';
import { migrateStack } from './migrate.js';
import { down, printLogs, reset, status, up } from './stack.js';
import { STORE_NAMES, type Store } from './store.js';
import { UnknownStoreError, createStores, selectStores } from './stores.js';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const USAGE = 'usage: npm run stack -- <up|down|status|reset|logs> [kafka|cassandra|clickhouse]';

type Command = (stores: readonly Store[], config: StackConfig) => Promise<boolean>;

const alwaysSucceeds =
  (command: (stores: readonly Store[]) => void | Promise<void>): Command =>
  async (stores) => {
    await command(stores);
    return true;
  };

/** Each command resolves to whether it succeeded. */
const COMMANDS = new Map<string, Command>([
  // A full `up` also migrates; a single store (as fault tests restart one) does not.
  [
    'up',
    async (stores, config) =>
      (await up(stores)) && (stores.length < STORE_NAMES.length || migrateStack(config)),
  ],
  ['down', alwaysSucceeds(down)],
  ['status', alwaysSucceeds(status)],
  ['reset', alwaysSucceeds(reset)],
  ['logs', alwaysSucceeds(printLogs)],
]);

async function main(args: readonly string[]): Promise<number> {
  const [commandName, storeName, ...extra] = args;
  const command = commandName === undefined ? undefined : COMMANDS.get(commandName);
  if (command === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env, REPO_ROOT);
  const stores = selectStores(createStores(config), storeName);
  return (await command(stores, config)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: client libraries used by readiness checks may leave timers behind.
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UnknownStoreError) {
      console.error(`[stack] ${error.message}`);
      process.exit(2);
    }
    console.error('[stack]', error);
    process.exit(1);
  },
);
