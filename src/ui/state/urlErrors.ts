import type { FieldError } from '../../engine';

/** At most this many problems with a page address are listed; a longer list ends with a count of the rest. */
export const MAX_URL_ERRORS = 20;

/**
 * A list of address problems fit to show: the first MAX_URL_ERRORS, then one line saying how many
 * more there were (a hostile link can name thousands of bad keys). Idempotent: capping a capped
 * list that grew again counts what the earlier summary line stood for.
 */
export function capUrlErrors(errors: readonly FieldError[], max = MAX_URL_ERRORS): FieldError[] {
  let hidden = 0;
  const real: FieldError[] = [];
  for (const e of errors) {
    const n = e.field === 'address' ? /^and ([0-9,]+) more problems? /.exec(e.message) : null;
    if (n) hidden += Number(n[1].replaceAll(',', ''));
    else real.push(e);
  }
  const more = hidden + Math.max(0, real.length - max);
  if (more === 0) return real;
  return [...real.slice(0, max), { field: 'address', message: `and ${more.toLocaleString('en-GB')} more problem${more === 1 ? '' : 's'} not listed; fix the ones above first` }];
}
