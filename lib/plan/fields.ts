/**
 * Field changes as a reviewer reads them (`instanceType: t3.large → m7i.large`): list items with a
 * natural key are addressed by it, and nothing that may be secret is ever shown.
 *
 * The secrecy rule: a value is shown as `sha256:` and 8 hex digits of the SHA-256 of its JSON text
 * when any name on its path (keys, and the keys of list items) is one of `SECRET_NAMES` or matches
 * `SECRET_PATTERN` (file `content`/`contentFrom`, user `passwd`/`passwdFrom`, bootstrap tokens,
 * commands, Secret `data`, anything named after a secret, password, token, credential or private
 * key), or when it is a string longer than `MAX_SHOWN_LENGTH` characters or of several lines
 * (certificates, scripts). Everything else is shown as is: strings bare, other scalars as JSON.
 */
import { specHash } from '../support/hash';
import { deepEqual } from './diff';
import { PlanFieldChange } from './types';

type Json = unknown;

/** Names whose values are secret or may hold secrets (compared case-insensitively). */
const SECRET_NAMES = new Set(
  [
    'content', 'contentFrom', 'passwd', 'passwdFrom', 'bootstrapTokens', 'data', 'stringData',
    'bootCommands', 'preKubeadmCommands', 'postKubeadmCommands', 'additionalConfig', 'userData',
  ].map((n) => n.toLowerCase()),
);
const SECRET_PATTERN = /secret|passw(or)?d|token|credential|private.?key|api.?key/i;
/** CAPA's IMDS setting (`required`/`optional`), not a token: shown. */
const NOT_SECRET = new Set(['httpTokens']);
const MAX_SHOWN_LENGTH = 64;
/** List items are addressed by the first of these fields that every item on both sides has, uniquely. */
const ITEM_KEYS = ['name', 'path', 'deviceName', 'device', 'id'];

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: Json): value is Record<string, Json> | Json[] {
  return typeof value === 'object' && value !== null;
}

function isSecretName(name: string): boolean {
  return !NOT_SECRET.has(name) && (SECRET_NAMES.has(name.toLowerCase()) || SECRET_PATTERN.test(name));
}

/** A short hash of a value, stable across runs: equal values, equal hashes. */
function shortHash(value: Json): string {
  return `sha256:${specHash(value)}`;
}

/** How a value at a path with the names `names` is shown (see the rule at the top of this file). */
export function shownValue(value: Json, names: readonly string[] = []): string {
  if (names.some(isSecretName)) return shortHash(value);
  if (typeof value === 'string') return value.length > MAX_SHOWN_LENGTH || /[\r\n]/.test(value) ? shortHash(value) : value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN_LENGTH ? shortHash(value) : text;
}

/** The key field of two lists whose items all carry it, uniquely; undefined when there is none. */
function itemKey(before: Json[], after: Json[]): string | undefined {
  if (before.length + after.length === 0) return undefined;
  return ITEM_KEYS.find((key) =>
    [before, after].every((list) => {
      const seen = new Set<string>();
      return list.every((item) => {
        const value = isObject(item) ? item[key] : undefined;
        if (typeof value !== 'string' || seen.has(value)) return false;
        seen.add(value);
        return true;
      });
    }),
  );
}

interface RawChange {
  path: string;
  names: string[];
  from?: Json;
  to?: Json;
}

function child(path: string, key: string): string {
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (safe !== key) return `${path}[${safe}]`;
  return path ? `${path}.${key}` : key;
}

function walk(before: Json, after: Json, path: string, names: string[], out: Map<string, RawChange>): void {
  if (deepEqual(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(before[key], after[key], child(path, key), [...names, key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = itemKey(before, after);
    if (!key) {
      for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], `${path}[${i}]`, names, out);
      return;
    }
    const byKey = (list: Json[]) => new Map(list.map((item) => [(item as Record<string, string>)[key], item]));
    const b = byKey(before);
    const a = byKey(after);
    for (const id of new Set([...b.keys(), ...a.keys()])) {
      const itemPath = `${path}[${id}]`;
      const [bi, ai] = [b.get(id), a.get(id)];
      // An item added or removed whole: its fields without the key, which the path already shows.
      const strip = (item: Json) => (item === undefined ? undefined : Object.fromEntries(Object.entries(item as object).filter(([k]) => k !== key)));
      const [bs, as] = bi && ai ? [bi, ai] : [strip(bi), strip(ai)];
      if (bi && ai) walk(bs, as, itemPath, [...names, id], out);
      else if (Object.keys((bs ?? as) as object).length === 0) add(out, itemPath, [...names, id], bi ? 'from' : 'to', id);
      else walk(bs ?? {}, as ?? {}, itemPath, [...names, id], out);
    }
    return;
  }
  // A scalar changes, or a container appears, goes, or changes type: each side's leaves on their own.
  side(before, 'from', path, names, out);
  side(after, 'to', path, names, out);
}

function side(value: Json, which: 'from' | 'to', path: string, names: string[], out: Map<string, RawChange>): void {
  if (isContainer(value) && Object.keys(value).length > 0) {
    const empty = Array.isArray(value) ? [] : {};
    walk(which === 'from' ? value : empty, which === 'from' ? empty : value, path, names, out);
  } else if (value !== undefined) {
    add(out, path, names, which, value);
  }
}

function add(out: Map<string, RawChange>, path: string, names: string[], which: 'from' | 'to', value: Json): void {
  const known = out.get(path) ?? { path, names };
  known[which] = value;
  out.set(path, known);
}

/**
 * The field changes between `before` and `after`, sorted by path, each path under `prefix`
 * (`''` for a template's `spec.template.spec`), values shown by the secrecy rule above.
 */
export function fieldChanges(before: Json, after: Json, prefix = '', kind?: string, names: string[] = []): PlanFieldChange[] {
  const out = new Map<string, RawChange>();
  walk(before, after, prefix, names, out);
  return [...out.values()]
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
    .map((c) => ({
      path: c.path,
      ...(kind ? { kind } : {}),
      ...(c.from !== undefined ? { from: shownValue(c.from, c.names) } : {}),
      ...(c.to !== undefined ? { to: shownValue(c.to, c.names) } : {}),
    }));
}
