import type { Logger } from '@lambda/telemetry';

export type StopCallback = () => Promise<void> | void;

/**
 * The running → stopping state machine every service shares. Stop callbacks run once, in the
 * reverse order they were registered (stop taking traffic first, close stores last).
 */
export interface Lifecycle {
  readonly stopping: boolean;
  onStop(name: string, callback: StopCallback): void;
  stop(reason: string): Promise<void>;
}

export function createLifecycle(logger: Logger): Lifecycle {
  const callbacks: { name: string; callback: StopCallback }[] = [];
  let stopped: Promise<void> | undefined;
  return {
    get stopping() {
      return stopped !== undefined;
    },
    onStop(name, callback) {
      callbacks.push({ name, callback });
    },
    stop(reason) {
      stopped ??= (async () => {
        logger.info({ reason }, 'stopping');
        for (const { name, callback } of [...callbacks].reverse()) {
          try {
            await callback();
          } catch (error) {
            logger.error({ err: error, step: name }, 'stop step failed');
          }
        }
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}
