/** Test helpers for integration and end-to-end tests: real app processes and the real local stack. */
export { startApp } from './app-process.js';
export type { AppProcess, StartAppOptions } from './app-process.js';
export { stack, eventually } from './local-stack.js';
export type { StoreName } from './local-stack.js';
