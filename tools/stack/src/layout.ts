import path from 'node:path';
import type { StoreName } from './store.js';

/** Where one store keeps its files under the stack directory. */
export interface StoreLayout {
  readonly root: string;
  /** Downloaded jars; kept by `reset`. */
  readonly lib: string;
  /** Everything the store persists; wiped by `reset`. */
  readonly data: string;
  /** Config files, regenerated on every start. */
  readonly conf: string;
  readonly logs: string;
  /** The store process's stdout and stderr. */
  readonly logFile: string;
  /** Output of mvn or apt-get. */
  readonly installLog: string;
  readonly pidFile: string;
}

export function storeLayout(stackDir: string, name: StoreName): StoreLayout {
  const root = path.join(stackDir, name);
  const logs = path.join(root, 'logs');
  return {
    root,
    lib: path.join(root, 'lib'),
    data: path.join(root, 'data'),
    conf: path.join(root, 'conf'),
    logs,
    logFile: path.join(logs, `${name}.log`),
    installLog: path.join(logs, 'install.log'),
    pidFile: path.join(root, `${name}.pid`),
  };
}
