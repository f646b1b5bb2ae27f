/** Small checks every room's validation uses; each reports through an IssueSink. */
import { IssueSink } from './issues';

/** Reports `message` at `path` when `value` is set and is not one of `allowed`. */
export function checkEnum(report: IssueSink, path: string, value: unknown, allowed: readonly string[], what: string): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    report({ path, message: `unknown ${what}`, value, allowed: allowed.join(', '), fix: `use one of ${allowed.join(', ')}` });
  }
}

/** Reports when `value` is set and is not an integer within [min, max]. */
export function checkInteger(report: IssueSink, path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER, fix?: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    report({ path, message: `must be ${allowed}`, value, allowed, fix: fix ?? `set ${path} to ${allowed}` });
  }
}

/** Reports when `value` is set and is not a non-empty string. */
export function checkNonEmptyString(report: IssueSink, path: string, value: unknown, fix?: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim().length === 0) {
    report({ path, message: 'must be a non-empty string', value, fix: fix ?? `set ${path} to a value or leave it out` });
  }
}
