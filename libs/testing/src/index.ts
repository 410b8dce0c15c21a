/** Test helpers for integration and end-to-end tests: real app processes and the real local stack. */
export { startApp } from './app-process.js';
export type { AppProcess, StartAppOptions } from './app-process.js';
export { stack, eventually } from './local-stack.js';
export type { StoreName } from './local-stack.js';
export { seededRandom, zipfSampler } from './random.js';
export { documentsOf, generateOrderStream } from './order-stream.js';
export type { OrderDocument, OrderStreamOptions, StreamItem } from './order-stream.js';
export { batchOracle, oracleViews, speedOracle } from './oracle.js';
export type { LoggedDocument, OracleMeasures, SpeedOracle } from './oracle.js';
export { itemBytes, produceItems, readLog, waitForGroupCaughtUp } from './kafka-log.js';
