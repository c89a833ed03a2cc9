import { formatErrors, type FieldError } from '../engine/index';

/** A user-fixable problem: printed as "error: field: message" lines, exit status 2. */
export class CliError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatErrors(errors));
  }
}
