import { z } from 'zod';
import { envelopeShape, ENVELOPE_FIELDS } from './envelope.js';
import type { FieldSpec, FieldSpecs } from './field.js';
import { MASTER_TABLE_FIXED_COLUMNS } from './master-columns.js';
import { SchemaDefinitionError } from './schema-definition-error.js';

type FieldShape<Fields extends FieldSpecs> = {
  [Name in keyof Fields]: Fields[Name] extends FieldSpec<infer Value, true>
    ? z.ZodOptional<z.ZodNullable<z.ZodType<Value>>>
    : Fields[Name]['schema'];
};

type Validator<
  Type extends string,
  Version extends number,
  Fields extends FieldSpecs,
> = z.ZodObject<
  ReturnType<typeof envelopeShape<Type, Version>> & FieldShape<Fields>,
  z.core.$strict
>;

export interface EventSchema<
  Type extends string = string,
  Version extends number = number,
  Fields extends FieldSpecs = FieldSpecs,
> {
  readonly type: Type;
  readonly version: Version;
  readonly fields: Fields;
  /** Strict: unknown keys are rejected with their path. */
  readonly validator: Validator<Type, Version, Fields>;
}

/** The TypeScript type of a valid event document of one schema. */
export type EventDocument<Schema extends EventSchema> = z.infer<Schema['validator']>;

export interface EventSchemaOptions<
  Type extends string,
  Version extends number,
  Fields extends FieldSpecs,
> {
  /** Event type, snake_case; names the master table `events_<type>`. */
  type: Type;
  /** Positive integer; a new version may add optional fields. */
  version: Version;
  fields: Fields;
}

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
const RESERVED_NAMES = new Set([
  ...ENVELOPE_FIELDS,
  ...MASTER_TABLE_FIXED_COLUMNS.map((column) => column.name),
]);

export function defineEventSchema<
  const Type extends string,
  const Version extends number,
  const Fields extends FieldSpecs,
>({
  type,
  version,
  fields,
}: EventSchemaOptions<Type, Version, Fields>): EventSchema<Type, Version, Fields> {
  const problems = [
    ...(SNAKE_CASE.test(type) ? [] : [`type ${JSON.stringify(type)} is not snake_case`]),
    ...(Number.isSafeInteger(version) && version > 0
      ? []
      : [`version ${version} is not a positive integer`]),
    ...Object.keys(fields).flatMap((name) =>
      !SNAKE_CASE.test(name)
        ? [`field ${JSON.stringify(name)} is not snake_case`]
        : RESERVED_NAMES.has(name)
          ? [`field ${name} is reserved for the envelope or the master table`]
          : [],
    ),
  ];
  if (problems.length > 0)
    throw new SchemaDefinitionError(
      `event schema ${type} v${version} is invalid: ${problems.join('; ')}`,
      {
        type,
        version,
        problems,
      },
    );
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => [
      name,
      spec.optional ? spec.schema.nullish() : spec.schema,
    ]),
  ) as FieldShape<Fields>;
  // zod cannot follow the mapped shape through the generics; the shape above is built to match it.
  const validator = z.strictObject({ ...envelopeShape(type, version), ...shape }) as Validator<
    Type,
    Version,
    Fields
  >;
  return { type, version, fields, validator };
}
