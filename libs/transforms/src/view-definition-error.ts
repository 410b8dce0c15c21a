import { PlatformError } from '@lambda/errors';

/** A view that cannot be executed as declared. Raised when the definition is loaded. */
export class ViewDefinitionError extends PlatformError {
  constructor(
    readonly view: string,
    readonly problems: readonly string[],
  ) {
    super(`view ${view} is invalid: ${problems.join('; ')}`, {
      code: 'invalid_view_definition',
      context: { view, problems },
    });
  }
}
