import {
  combineFields,
  defineEventSchema,
  field,
  optional,
  SchemaDefinitionError,
} from './index.js';

describe('defineEventSchema', () => {
  it('lists every problem of a bad definition at once', () => {
    const define = () =>
      defineEventSchema({
        type: 'Payment',
        version: 0,
        fields: { Amount: field.integer(), kafka_offset: field.integer() },
      });
    expect(define).toThrow(SchemaDefinitionError);
    expect(define).toThrow(
      'event schema Payment v0 is invalid: type "Payment" is not snake_case; version 0 is not a positive integer; ' +
        'field "Amount" is not snake_case; field kafka_offset is reserved for the envelope or the master table',
    );
  });

  it('builds a strict validator from the field specs', () => {
    const schema = defineEventSchema({
      type: 'ping',
      version: 1,
      fields: { note: optional(field.string({ maxLength: 3 })) },
    });
    const base = {
      event_id: 'e',
      type: 'ping',
      schema_version: 1,
      occurred_at: '2026-01-01T00:00:00Z',
    };
    expect(schema.validator.safeParse(base).success).toBe(true);
    expect(schema.validator.safeParse({ ...base, note: 'long' }).success).toBe(false);
    expect(schema.validator.safeParse({ ...base, other: 1 }).success).toBe(false);
  });
});

describe('combineFields', () => {
  const v1 = defineEventSchema({
    type: 'ping',
    version: 1,
    fields: { a: field.integer(), b: field.string() },
  });

  it('marks fields optional or absent in some version as possibly missing', () => {
    const v2 = defineEventSchema({
      type: 'ping',
      version: 2,
      fields: { a: field.integer(), b: optional(field.string()), c: field.string() },
    });
    expect(combineFields([v1, v2]).map(({ name, alwaysPresent }) => [name, alwaysPresent])).toEqual(
      [
        ['a', true],
        ['b', false],
        ['c', false],
      ],
    );
  });

  it('refuses a field whose type changes between versions', () => {
    const v2 = defineEventSchema({ type: 'ping', version: 2, fields: { a: field.string() } });
    expect(() => combineFields([v1, v2])).toThrow(
      'field a of ping changes type from Int64 to String in v2',
    );
  });
});
