import { PlatformError } from '@lambda/errors';

/** An event schema that cannot work (bad field name, conflicting versions). Raised at load time. */
export class SchemaDefinitionError extends PlatformError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'invalid_schema_definition', context });
  }
}
