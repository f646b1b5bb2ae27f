import { createHash } from 'crypto';

/** Length of the spec hash appended to immutable template names. */
export const SPEC_HASH_LENGTH = 8;

/**
 * Hash of a JSON-like value, independent of key order. Used to name immutable templates:
 * same spec, same name; any change, a new name.
 */
export function specHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, SPEC_HASH_LENGTH);
}

/** JSON with object keys sorted at every level, so logically equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = v[k];
      return sorted;
    }
    return v;
  });
}
