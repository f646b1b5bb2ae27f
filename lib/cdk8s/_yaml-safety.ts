/**
 * What `cdk8s synth` writes is written by cdk8s's own YAML writer (the `yaml` package, YAML 1.1
 * rules), which this library cannot configure. Some strings it writes so that kubectl (go-yaml
 * v2) reads something else: `0o17` and `0X1F` unquoted (read as numbers), a `<<` key (a merge),
 * raw U+2028, U+0085, DEL and C1 characters (refused). This check proves each string of a
 * cdk8s-bound object safe. cdk8s's writer quotes by its YAML 1.1 schema, which agrees with
 * go-yaml on every scalar except integers with `0o`, `0O`, `0X`, `0B` prefixes, and it leaves some
 * characters raw: only strings with such a prefix or such characters (and a `<<` key) can come back
 * different, and those are written with cdk8s's writer and read back with the kubectl-equivalent
 * reader, once per distinct string. A string that does not come back equal is refused with its
 * object and path, before anything is written. `test/support/yaml-kubectl.test.ts` checks both
 * halves with the real kubectl: what is accepted reads back exactly, what is refused does not.
 */
import { Yaml } from 'cdk8s';
import { Manifest } from '../capi';
import { ValidationIssue } from '../support/issues';
import { readYamlDocuments } from '../support/yaml-reader';

const verdicts = new Map<string, string | undefined>();
/** What can make cdk8s's writer and go-yaml disagree: Go's integer prefixes that YAML 1.1 lacks, and control (but tab and line feed), C1, line-separator and BOM characters. */
 
const SUSPICIOUS = /^[-+]?0[oOXB]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** How kubectl would read `s` back from cdk8s's output (as a value or as a key), or undefined when it reads `s`. */
function misreading(s: string, asKey: boolean): string | undefined {
  if (!SUSPICIOUS.test(s) && !(asKey && s === '<<')) return undefined;
  const cacheKey = `${asKey ? 'k' : 'v'}${s}`;
  if (verdicts.has(cacheKey)) return verdicts.get(cacheKey);
  // Nested, so that the string never starts the stream (where a byte order mark would be dropped).
  const [doc] = readYamlDocuments(Yaml.stringify({ v: asKey ? { [s]: 'x' } : s }));
  let verdict: string | undefined;
  if (!doc || doc.error !== undefined) verdict = `kubectl would refuse the file (${doc?.error ?? 'no document'})`;
  else {
    const value = (doc.value as Record<string, unknown>).v;
    const got = asKey ? Object.keys(value as object)[0] : value;
    if (got !== s) verdict = `kubectl would read ${JSON.stringify(got)}`;
  }
  if (verdicts.size < 100_000) verdicts.set(cacheKey, verdict);
  return verdict;
}

/** Every string (value or key) of `manifests` that cdk8s's YAML writer would not write exactly. */
export function cdk8sYamlIssues(manifests: readonly Manifest[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // The path is a stack, joined only for a problem: most objects have none.
  const path: Array<string | number> = [];
  const here = () => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i > 0 ? `.${p}` : p)).join('');
  const visit = (value: unknown, m: Manifest): void => {
    if (typeof value === 'string') {
      const why = misreading(value, false);
      if (why) issues.push(issueFor(m, here(), value, why));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], m);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      for (const k of Object.keys(value)) {
        path.push(k);
        const why = misreading(k, true);
        if (why) issues.push(issueFor(m, here(), k, `as a key, ${why}`));
        visit((value as Record<string, unknown>)[k], m);
        path.pop();
      }
    }
  };
  for (const m of manifests) visit(m, m);
  return issues;
}

function issueFor(m: Manifest, path: string, value: string, why: string): ValidationIssue {
  return {
    path: `(${m.kind} ${m.metadata.name}) ${path}`,
    message: `cdk8s's YAML writer cannot write this string so that kubectl reads it back: ${why}`,
    value,
    fix: 'use another value here, or render this cluster with capi-constructs toYaml or the Pulumi engine, which write it exactly',
  };
}
