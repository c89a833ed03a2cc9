import { formatErrors, type FieldError } from '../engine/index';

/** At most this many problems are listed; the rest are counted in one last line. */
export const MAX_LISTED_ERRORS = 50;
/** A field or message longer than this is cut (a hostile file must not make one huge line). */
export const MAX_ERROR_TEXT = 2_000;

const cut = (s: string) => (s.length > MAX_ERROR_TEXT ? `${s.slice(0, MAX_ERROR_TEXT)}… (${(s.length - MAX_ERROR_TEXT).toLocaleString('en-GB')} more characters)` : s);

/** The problems as listed: at most MAX_LISTED_ERRORS, each at most MAX_ERROR_TEXT characters a part. */
export function listedErrors(errors: readonly FieldError[]): FieldError[] {
  const listed = errors.length <= MAX_LISTED_ERRORS ? errors : errors.slice(0, MAX_LISTED_ERRORS - 1);
  const out = listed.map((e) => ({ field: cut(e.field), message: cut(e.message) }));
  if (errors.length > listed.length) {
    const rest = errors.length - listed.length;
    out.push({ field: 'input', message: `has ${rest.toLocaleString('en-GB')} more problems not listed` });
  }
  return out;
}

/**
 * A user-fixable problem: printed as "error: field: message" lines, exit status 2. However many
 * problems are found, the message stays bounded (see listedErrors).
 */
export class CliError extends Error {
  readonly errors: FieldError[];
  constructor(errors: readonly FieldError[]) {
    const listed = listedErrors(errors);
    super(formatErrors(listed));
    this.errors = listed;
  }
}
