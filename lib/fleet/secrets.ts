/**
 * Inventories hold no secret values: credentials are references (an identity's name, a
 * Secret's name and key). This finds the values that look like secrets anyway, without ever
 * repeating them: well-known credential formats anywhere, and anything but a plain name in a
 * field that takes a reference.
 */
import { ValidationIssue } from '../support/issues';

/** Formats that are credentials wherever they appear (the prefixes their issuers document). */
const SECRET_FORMATS: ReadonlyArray<{ readonly pattern: RegExp; readonly what: string }> = [
  { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, what: 'a private key' },
  // AWS access key ids: AKIA (long-term) and ASIA (temporary), 16 more upper-case letters and digits.
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  { pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: 'a JSON web token' },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, what: 'a GitLab token' },
];

/** The reference fields of a spec, by their last two path segments: they take names, never values. */
const REFERENCE_FIELDS = /(?:^|\.)(?:identity|identityRef|contentFromSecret|passwordFromSecret)\.(?:name|key)$|(?:^|\.)secrets\[\d+\]$/;

/** A Kubernetes object name or a Secret data key: what a reference holds. */
const REFERENCE_TEXT = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Characters per symbol of a string's own alphabet (Shannon entropy). */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** What secret `text` looks like, or undefined. `reference` is set for fields that take a reference. */
export function secretLookalike(text: string, reference: boolean): string | undefined {
  for (const f of SECRET_FORMATS) if (f.pattern.test(text)) return f.what;
  if (!reference) return undefined;
  if (!REFERENCE_TEXT.test(text)) return 'not a name: a reference holds the name of an object or a key';
  // Names are lower case words; a long mix of cases and digits with a high entropy is a key.
  if (text.length >= 20 && /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text) && entropy(text) > 3.5) return 'a random key, not a name';
  return undefined;
}

/**
 * Issues for every string of `value` (a layer's spec) that looks like a secret; paths are
 * relative to the spec, and no issue carries the value.
 */
export function secretIssues(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  const seen = new Set<object>();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: v, path, depth } = next;
    if (typeof v === 'string') {
      const what = secretLookalike(v, REFERENCE_FIELDS.test(path));
      if (what) {
        issues.push({
          path: path || '(spec)',
          message: `looks like a secret value (${what}); inventories hold references to secrets, never their values`,
          fix: 'store the value in a Secret (or your secret manager) and reference it, e.g. files[].contentFromSecret or identity.name',
        });
      }
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v) || depth > 100) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]], path: path ? `${path}.${keys[i]}` : keys[i], depth: depth + 1 });
    }
  }
  return issues;
}
