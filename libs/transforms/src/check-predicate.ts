import type { CombinedField } from '@lambda/schemas';
import type { Predicate, RangeBounds } from './predicate.js';

export type FieldCatalog = ReadonlyMap<string, CombinedField>;

/** Problems of a predicate against the fields of a view's source, each prefixed with where it sits. */
export function predicateProblems(
  predicate: Predicate,
  fields: FieldCatalog,
  where: string,
): string[] {
  switch (predicate.op) {
    case 'eq':
      return withField(fields, predicate.field, where, (field) =>
        valueProblems(field, [predicate.value], where),
      );
    case 'in':
      return withField(fields, predicate.field, where, (field) =>
        predicate.values.length === 0
          ? [`${where}: oneOf(${field.name}) needs at least one value`]
          : valueProblems(field, predicate.values, where),
      );
    case 'range':
      return withField(fields, predicate.field, where, (field) =>
        boundsProblems(field, predicate.bounds, where),
      );
    case 'isMissing':
      return withField(fields, predicate.field, where, () => []);
    case 'and':
    case 'or':
      return predicate.operands.length === 0
        ? [`${where}: ${predicate.op}() needs at least one operand`]
        : predicate.operands.flatMap((operand) => predicateProblems(operand, fields, where));
    case 'not':
      return predicateProblems(predicate.operand, fields, where);
  }
}

function withField(
  fields: FieldCatalog,
  name: string,
  where: string,
  check: (field: CombinedField) => string[],
) {
  const field = fields.get(name);
  return field
    ? check(field)
    : [`${where}: unknown field ${name} (known: ${[...fields.keys()].join(', ')})`];
}

function valueProblems(field: CombinedField, values: readonly unknown[], where: string): string[] {
  return values.flatMap((value) => {
    const result = field.spec.schema.safeParse(value);
    return result.success
      ? []
      : [
          `${where}: ${JSON.stringify(value)} can never equal field ${field.name} (${result.error.issues[0]?.message})`,
        ];
  });
}

function boundsProblems(
  field: CombinedField,
  bounds: Readonly<RangeBounds>,
  where: string,
): string[] {
  const given = Object.entries(bounds).filter(([, bound]) => bound !== undefined);
  return [
    ...(field.spec.valueType === 'integer'
      ? []
      : [`${where}: range over ${field.name} needs an integer field`]),
    ...(given.length === 0 ? [`${where}: range over ${field.name} needs a bound`] : []),
    ...given.flatMap(([name, bound]) =>
      Number.isSafeInteger(bound)
        ? []
        : [`${where}: range bound ${name} of ${field.name} must be a safe integer`],
    ),
    ...(bounds.gte !== undefined && bounds.gt !== undefined
      ? [`${where}: range over ${field.name} has both gte and gt`]
      : []),
    ...(bounds.lte !== undefined && bounds.lt !== undefined
      ? [`${where}: range over ${field.name} has both lte and lt`]
      : []),
  ];
}
