/** A user-fixable problem, named precisely: which field, and what is wrong with it. */
export interface FieldError {
  /** The field's public name (a lever key, `trials`, `seed`, `levers`, a CLI flag…). */
  field: string;
  /** One sentence naming the value and what is allowed. */
  message: string;
}

/** Success or a list of user-fixable problems; engine validation never throws for bad input. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(errors: FieldError[]): Result<T> => ({ ok: false, errors });

/** "field: message" for each error, joined by `separator` (a line each by default). */
export function formatErrors(errors: readonly FieldError[], separator = '\n'): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join(separator);
}
