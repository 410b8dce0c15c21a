import type { EventSchemaOf, EventType, SchemaVersionOf } from '@lambda/schemas';
import { viewProblems } from './check-view.js';
import type { Measure, Ratio } from './measures.js';
import type { Predicate } from './predicate.js';
import { ViewDefinitionError } from './view-definition-error.js';
import { parseWindowMs, type WindowSpec } from './window.js';

/** Field names of any of the chosen versions (a field only newer versions have reads as missing in older ones). */
type SourceField<Type extends EventType, Version extends number> = Version extends unknown
  ? keyof EventSchemaOf<Type, Version>['fields'] & string
  : never;

export interface ViewOptions<
  Type extends EventType,
  Version extends number,
  MeasureName extends string,
  Field extends string = SourceField<Type, Version>,
> {
  /** snake_case; stays the same across versions of the view. */
  id: string;
  /** Positive integer, bumped whenever the meaning changes; every stored row carries it. */
  version: number;
  description: string;
  source: { type: Type; versions: readonly Version[] };
  /** Events that do not match are ignored. Default: all events of the source. */
  filter?: Predicate<Field>;
  /** Grouping fields, each required in every source version; [] aggregates into one global key. */
  key: readonly Field[];
  /** Tumbling event-time window, UTC, aligned to the epoch. */
  window: WindowSpec;
  measures: Record<MeasureName, Measure<Field>>;
  /** Computed at read time from the finalized measures, never stored. */
  derived?: Record<string, Ratio<NoInfer<MeasureName>>>;
}

/** A validated view: what both executions (speed and batch) run. */
export interface View {
  readonly id: string;
  readonly version: number;
  readonly description: string;
  readonly source: { readonly type: string; readonly versions: readonly number[] };
  readonly filter: Predicate | undefined;
  readonly key: readonly string[];
  readonly window: WindowSpec;
  readonly windowMs: number;
  readonly measures: Readonly<Record<string, Measure>>;
  readonly derived: Readonly<Record<string, Ratio>>;
}

/** Checks a view declaration against the event schemas; throws a ViewDefinitionError listing every problem. */
export function defineView<
  const Type extends EventType,
  const Version extends SchemaVersionOf<Type>,
  const MeasureName extends string,
>(options: ViewOptions<Type, Version, MeasureName>): View {
  const problems = viewProblems(options);
  const windowMs = parseWindowMs(options.window);
  if (problems.length > 0 || windowMs === undefined)
    throw new ViewDefinitionError(`${options.id} v${options.version}`, problems);
  return {
    id: options.id,
    version: options.version,
    description: options.description,
    source: { type: options.source.type, versions: [...options.source.versions] },
    filter: options.filter,
    key: [...options.key],
    window: options.window,
    windowMs,
    measures: options.measures,
    derived: options.derived ?? {},
  };
}
