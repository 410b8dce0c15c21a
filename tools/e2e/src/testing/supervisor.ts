import type { AppProcess } from '@lambda/testing';

const PROBLEM_LEVELS = new Set(['warn', 'error', 'fatal']);

/**
 * Keeps app processes running as Kubernetes would: whatever exits (killed, or crashed because
 * a store went away) is started again after a short back-off, on a new port.
 */
export function createSupervisor(start: (name: string) => Promise<AppProcess>) {
  const current = new Map<string, AppProcess>();
  const started = new Map<string, AppProcess[]>();
  const restarts = new Map<string, number>();
  let stopping = false;

  async function keep(name: string): Promise<AppProcess> {
    const app = await start(name);
    current.set(name, app);
    started.set(name, [...(started.get(name) ?? []), app]);
    void app.exited.then(async () => {
      if (stopping || current.get(name) !== app) return;
      restarts.set(name, (restarts.get(name) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // A store may still be down: keep trying until the app starts.
      for (;;) {
        if (stopping) return;
        try {
          await keep(name);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    });
    return app;
  }

  const running = (name: string) => {
    const app = current.get(name);
    if (!app) throw new Error(`${name} is not supervised`);
    return app;
  };

  return {
    keep,
    running,
    /** The app's current base URL (it changes when the app is restarted). */
    url: (name: string) => running(name).url,
    restarts: (name: string) => restarts.get(name) ?? 0,
    /** Warnings and errors every run of the app logged, oldest first, for a failing drill. */
    problemsLogged: (name: string) =>
      (started.get(name) ?? []).flatMap((app, run) =>
        app.logs
          .filter((entry) => PROBLEM_LEVELS.has(String(entry['level'])))
          .map((entry) => ({ run, ...entry })),
      ),
    /** SIGKILLs the app; the supervisor starts it again. */
    async kill(name: string) {
      const app = running(name);
      app.process.kill('SIGKILL');
      await app.exited;
    },
    async stopAll() {
      stopping = true;
      await Promise.all([...current.values()].map((app) => app.stop('SIGTERM')));
    },
  };
}
