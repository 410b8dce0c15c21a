import { runMigrations } from '@lambda/migrations';
import { runService, type ServiceContext } from '@lambda/service';
import { loadBatchConfig, type BatchConfig } from './config.js';
import { archive } from './modes/archive.js';
import { recomputeOnce, serve } from './modes/recompute.js';

/** `migrate` (the Helm pre-install Job): brings every store to the current schema, then exits. */
async function migrate(context: ServiceContext, config: BatchConfig) {
  await runMigrations(config, context.logger);
  await context.lifecycle.stop('migrations applied');
  process.exit(0);
}

const modes = { archive, recompute: recomputeOnce, serve, migrate } as const;
type Mode = keyof typeof modes;
const requested = process.argv[2] ?? 'serve';
const isMode = (name: string): name is Mode => Object.hasOwn(modes, name);

if (!isMode(requested)) {
  process.stderr.write(
    `batch: unknown mode "${requested}" (expected ${Object.keys(modes).join(', ')})\n`,
  );
  process.exit(2);
}

void runService({
  name: 'batch',
  async start(context) {
    const config = loadBatchConfig();
    // In development batch owns the schema; in a cluster the Helm pre-install Job runs `migrate`.
    if (config.runtime.migrateOnStart && requested !== 'migrate')
      await runMigrations(config, context.logger);
    await modes[requested](context, config);
  },
});
