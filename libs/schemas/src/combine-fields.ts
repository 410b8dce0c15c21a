import type { EventSchema } from './define-event-schema.js';
import type { FieldSpec } from './field.js';
import { SchemaDefinitionError } from './schema-definition-error.js';

/** A field as seen across several versions of one event type. */
export interface CombinedField {
  readonly name: string;
  /** The spec of the first version that declares the field. */
  readonly spec: FieldSpec;
  /** Required in every version, so never missing; otherwise it may be null. */
  readonly alwaysPresent: boolean;
}

/**
 * The union of the fields of several schema versions, in order of first appearance. A field
 * may become optional in a later version, but never change type: all versions share one
 * master table column.
 */
export function combineFields(schemas: readonly EventSchema[]): CombinedField[] {
  const specs = new Map<string, FieldSpec>();
  for (const schema of schemas)
    for (const [name, spec] of Object.entries(schema.fields)) {
      const seen = specs.get(name);
      if (!seen) specs.set(name, spec);
      else if (seen.clickhouseType !== spec.clickhouseType)
        throw new SchemaDefinitionError(
          `field ${name} of ${schema.type} changes type from ${seen.clickhouseType} to ${spec.clickhouseType} in v${schema.version}`,
          { type: schema.type, field: name },
        );
    }
  return [...specs].map(([name, spec]) => ({
    name,
    spec,
    alwaysPresent: schemas.every((schema) => schema.fields[name]?.optional === false),
  }));
}
