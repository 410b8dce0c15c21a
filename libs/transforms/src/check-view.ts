import {
  combineFields,
  eventSchemasOf,
  type CombinedField,
  type EventSchema,
} from '@lambda/schemas';
import { predicateProblems, type FieldCatalog } from './check-predicate.js';
import type { Measure, Ratio } from './measures.js';
import type { Predicate } from './predicate.js';
import { parseWindowMs } from './window.js';

/** A view declaration as loaded, before any check. */
export interface ViewDeclaration {
  id: string;
  version: number;
  description: string;
  source: { type: string; versions: readonly number[] };
  filter?: Predicate;
  key: readonly string[];
  window: string;
  measures: Readonly<Record<string, Measure>>;
  derived?: Readonly<Record<string, Ratio>>;
}

const VIEW_ID = /^[a-z][a-z0-9_]*$/;
/** Measure and derived names become SQL column names next to these. */
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;
const RESULT_COLUMNS = new Set(['key', 'window_start_ms']);

/** Every reason the declaration cannot run, in reading order; empty when it is valid. */
export function viewProblems(view: ViewDeclaration): string[] {
  const schemas = sourceSchemas(view.source);
  const fields: FieldCatalog = new Map(
    combineFields(schemas.found).map((field) => [field.name, field]),
  );
  return [
    ...(VIEW_ID.test(view.id) ? [] : [`id ${JSON.stringify(view.id)} is not snake_case`]),
    ...(Number.isSafeInteger(view.version) && view.version > 0
      ? []
      : [`version ${view.version} is not a positive integer`]),
    ...(view.description.trim() === '' ? ['description is empty'] : []),
    ...schemas.problems,
    ...(parseWindowMs(view.window) === undefined
      ? [
          `window ${JSON.stringify(view.window)} is not a positive whole number of s, m, h or d (e.g. 5m, 1h, 1d)`,
        ]
      : []),
    // Without a valid source, every field would read as unknown: say the cause once.
    ...(schemas.problems.length > 0
      ? []
      : [
          ...(view.filter ? predicateProblems(view.filter, fields, 'filter') : []),
          ...keyProblems(view.key, fields, schemas.found),
          ...measureProblems(view.measures, fields),
        ]),
    ...derivedProblems(view.derived ?? {}, view.measures),
  ];
}

function sourceSchemas({ type, versions }: ViewDeclaration['source']) {
  const known = eventSchemasOf(type);
  const found = known.filter((schema) => versions.includes(schema.version));
  const problems =
    known.length === 0
      ? [`source type ${JSON.stringify(type)} is unknown`]
      : [
          ...(versions.length === 0 ? ['source versions are empty'] : []),
          ...duplicates(versions).map((version) => `source version ${version} is listed twice`),
          ...versions
            .filter((version) => !known.some((schema) => schema.version === version))
            .map(
              (version) =>
                `source ${type} has no schema version ${version} (known: ${known.map((s) => s.version).join(', ')})`,
            ),
        ];
  return { found, problems };
}

function keyProblems(
  key: readonly string[],
  fields: FieldCatalog,
  schemas: readonly EventSchema[],
): string[] {
  return [
    ...duplicates(key).map((name) => `key field ${name} is listed twice`),
    ...key.flatMap((name) => {
      const field = fields.get(name);
      if (!field) return [`key field ${name} is unknown`];
      if (field.alwaysPresent) return [];
      const lacking = schemas
        .filter((schema) => schema.fields[name]?.optional !== false)
        .map((schema) => `v${schema.version}`);
      return [
        `key field ${name} is optional or absent in ${schemas[0]?.type} ${lacking.join(', ')}; key fields must always be present`,
      ];
    }),
  ];
}

function measureProblems(measures: ViewDeclaration['measures'], fields: FieldCatalog): string[] {
  const entries = Object.entries(measures);
  return [
    ...(entries.length === 0 ? ['a view needs at least one measure'] : []),
    ...entries.flatMap(([name, measure]) => [
      ...columnNameProblems(name, 'measure'),
      ...(measure.kind === 'count'
        ? []
        : measureFieldProblems(name, measure.kind, measure.field, fields)),
      ...(measure.where ? predicateProblems(measure.where, fields, `measure ${name} where`) : []),
    ]),
  ];
}

function measureFieldProblems(
  name: string,
  kind: string,
  fieldName: string,
  fields: FieldCatalog,
): string[] {
  const field: CombinedField | undefined = fields.get(fieldName);
  if (!field) return [`measure ${name}: unknown field ${fieldName}`];
  if (kind !== 'distinct' && field.spec.valueType !== 'integer')
    return [`measure ${name}: ${kind} needs an integer field, ${fieldName} holds text`];
  return [];
}

function derivedProblems(
  derived: NonNullable<ViewDeclaration['derived']>,
  measures: ViewDeclaration['measures'],
): string[] {
  return Object.entries(derived).flatMap(([name, { numerator, denominator }]) => [
    ...columnNameProblems(name, 'derived measure'),
    ...(name in measures ? [`derived measure ${name} has the name of a measure`] : []),
    ...[numerator, denominator]
      .filter((reference) => !(reference in measures))
      .map((reference) => `derived measure ${name} references unknown measure ${reference}`),
  ]);
}

function columnNameProblems(name: string, what: string): string[] {
  if (!COLUMN_NAME.test(name)) return [`${what} name ${JSON.stringify(name)} is not snake_case`];
  if (RESULT_COLUMNS.has(name)) return [`${what} name ${name} is reserved`];
  return [];
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
