import { ConfigError } from '@lambda/config';
import { createLogger, type Logger } from '@lambda/telemetry';
import { createLifecycle, type Lifecycle } from './lifecycle.js';

export interface ServiceContext {
  logger: Logger;
  lifecycle: Lifecycle;
  /**
   * Stops the process with exit 1 after a graceful stop, for a part that broke for good (a
   * consumer kafkajs will not restart): a fresh start by the supervisor is the way back.
   */
  fail(reason: string, error: unknown): void;
}

export interface RunServiceOptions {
  name: string;
  /** Builds and starts the service; registers its stop steps on the lifecycle. */
  start(context: ServiceContext): Promise<void>;
  /** Upper bound for a graceful stop before the process exits anyway. Default 10000. */
  shutdownTimeoutMs?: number;
  logLevel?: string;
}

/**
 * The edge of every process: a config error is one clear line and exit 2; SIGTERM/SIGINT stop
 * gracefully (exit 0) or, past the timeout, exit 1 so Kubernetes does not wait forever.
 */
export async function runService({
  name,
  start,
  shutdownTimeoutMs = 10_000,
  logLevel,
}: RunServiceOptions) {
  const logger = createLogger({
    service: name,
    level: logLevel ?? process.env['LOG_LEVEL'] ?? 'info',
  });
  const lifecycle = createLifecycle(logger);
  const exitAfterStop = (reason: string, code: number) => {
    const timer = setTimeout(() => {
      logger.error({ shutdownTimeoutMs }, 'graceful stop timed out');
      process.exit(1);
    }, shutdownTimeoutMs);
    timer.unref();
    void lifecycle.stop(reason).then(() => process.exit(code));
  };
  process.once('SIGTERM', () => exitAfterStop('SIGTERM', 0));
  process.once('SIGINT', () => exitAfterStop('SIGINT', 0));
  const fail = (reason: string, error: unknown) => {
    logger.fatal({ err: error }, reason);
    exitAfterStop(reason, 1);
  };
  process.on('unhandledRejection', (error) => fail('unhandled rejection', error));
  try {
    await start({ logger, lifecycle, fail });
    logger.info('started');
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(2);
    }
    fail('start failed', error);
  }
}
