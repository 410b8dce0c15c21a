import { z } from 'zod';

/** What a field holds once parsed: text, or a JSON number that is a safe integer. */
export type FieldValue = string | number;
export type FieldValueType = 'string' | 'integer';

export interface FieldSpec<
  Value extends FieldValue = FieldValue,
  Optional extends boolean = boolean,
> {
  readonly valueType: FieldValueType;
  readonly optional: Optional;
  /** ClickHouse type of a present value; the master table wraps optional fields in `Nullable`. */
  readonly clickhouseType: string;
  /** Validates a present value. */
  readonly schema: z.ZodType<Value>;
}

export interface StringFieldOptions {
  /** Longest accepted value in UTF-16 code units. Default 256. */
  maxLength?: number;
}

// Made once: the bundle's target spells the literal as `new RegExp(…)`, which inside the check
// built a regular expression per validated string.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Strings are never empty (an absent value is omitted, not sent as `""`), so any string can be
 * a view key: Cassandra partition keys may not be empty. Lone surrogates are rejected because
 * they cannot be stored as UTF-8, so JS and ClickHouse would disagree about them.
 */
export const text = (maxLength: number) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .refine(
      (value) => !LONE_SURROGATE.test(value),
      'expected well-formed Unicode (lone surrogate)',
    );

export const field = {
  string: ({ maxLength = 256 }: StringFieldOptions = {}): FieldSpec<string, false> => ({
    valueType: 'string',
    optional: false,
    clickhouseType: 'String',
    schema: text(maxLength),
  }),
  /** A JSON number that is a safe integer, possibly negative; stored as Int64. */
  integer: (): FieldSpec<number, false> => ({
    valueType: 'integer',
    optional: false,
    clickhouseType: 'Int64',
    schema: z.int({ error: 'expected a safe integer' }),
  }),
  enumOf: <const Values extends readonly [string, ...string[]]>(
    values: Values,
  ): FieldSpec<Values[number], false> => ({
    valueType: 'string',
    optional: false,
    clickhouseType: 'String',
    schema: z.enum(values),
  }),
  /** An ISO 4217 code such as `EUR`. */
  currency: (): FieldSpec<string, false> => ({
    valueType: 'string',
    optional: false,
    clickhouseType: 'String',
    schema: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter upper-case currency code'),
  }),
};

/** Marks a field as optional: it may be omitted or `null`, and is stored as `Nullable`. */
export function optional<Value extends FieldValue>(
  spec: FieldSpec<Value, false>,
): FieldSpec<Value, true> {
  return { ...spec, optional: true };
}

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;
