/**
 * View definitions, the one place business logic lives, and their two executions: the speed
 * executor (incremental, in TypeScript) and the batch compiler (ClickHouse SQL). Both share
 * one semantics, which the differential test proves on generated events.
 */
export { defineView } from './define-view.js';
export type { View, ViewOptions } from './define-view.js';
export { ViewDefinitionError } from './view-definition-error.js';
export { and, eq, isMissing, not, oneOf, or, range } from './predicate.js';
export type { Predicate, RangeBounds } from './predicate.js';
export { evaluatePredicate } from './evaluate-predicate.js';
export type { EventFields } from './evaluate-predicate.js';
export { compilePredicate } from './compile-predicate.js';
export { count, distinct, max, min, ratio, sum } from './measures.js';
export type { Measure, MeasureKind, MeasureOptions, Ratio } from './measures.js';
export { parseWindowMs, windowStartMs } from './window.js';
export type { WindowSpec } from './window.js';
export { encodeKey, GLOBAL_KEY } from './key.js';
export type { MeasureState, MeasureValue } from './measure-state.js';
export { emptyPartial, finalizeMeasures, finalizeWindow, mergePartials } from './partial.js';
export type { ViewRow, WindowPartial } from './partial.js';
export { EventIdSet, unpackEventIds } from './event-id-set.js';
export { createViewExecutor } from './executor.js';
export type {
  ApplyOutcome,
  LocatedOutcome,
  ViewExecutor,
  ViewExecutorOptions,
  WindowAddress,
} from './executor.js';
export { compileRedeliveredIdsTable, compileViewSql } from './compile-sql.js';
export type { CompileViewSqlOptions } from './compile-sql.js';
export { canUseDeliveryIndex, compileDeliveryIndex, DAY_MS } from './delivery-index.js';
export type { DeliveryIndexTables } from './delivery-index.js';
export { decodeViewRow } from './decode-row.js';
export { deriveMeasures } from './derive.js';
export { createViewRegistry } from './registry.js';
export type { ViewRegistry } from './registry.js';
export { shippedViews } from './views/shipped-views.js';
export { merchantRefundsHourly } from './views/merchant-refunds-hourly.js';
export { merchantRevenueHourly } from './views/merchant-revenue-hourly.js';
export { merchantUniqueCustomersDaily } from './views/merchant-unique-customers-daily.js';
export { orderStatus5m } from './views/order-status-5m.js';
