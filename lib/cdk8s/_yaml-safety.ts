/**
 * What `cdk8s synth` writes is written by cdk8s's own YAML writer (the `yaml` package, YAML 1.1
 * rules), which this library cannot configure. Some strings it writes so that kubectl (go-yaml
 * v2) reads something else: `0o17` and `0X1F` unquoted (read as numbers), a `<<` key (a merge),
 * raw U+2028, U+0085, DEL and C1 characters (refused). This check proves each string of a
 * cdk8s-bound object safe: a string the project's own writer would leave plain is safe for any
 * writer; any other is written with cdk8s's writer and read back with the kubectl-equivalent
 * reader, once per distinct string. A string that does not come back equal is refused with its
 * object and path, before anything is written.
 */
import { Yaml } from 'cdk8s';
import { Manifest } from '../capi';
import { ValidationIssue } from '../support/issues';
import { readYamlDocuments } from '../support/yaml-reader';
import { yamlScalar } from '../support/yaml-writer';

const verdicts = new Map<string, string | undefined>();

/** How kubectl would read `s` back from cdk8s's output (as a value or as a key), or undefined when it reads `s`. */
function misreading(s: string, asKey: boolean): string | undefined {
  if (yamlScalar(s) === s) return undefined;
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
  const visit = (value: unknown, at: () => string, m: Manifest): void => {
    if (typeof value === 'string') {
      const why = misreading(value, false);
      if (why) issues.push(issueFor(m, at(), value, why));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, () => `${at()}[${i}]`, m));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const here = () => (at() ? `${at()}.${k}` : k);
        const why = misreading(k, true);
        if (why) issues.push(issueFor(m, here(), k, `as a key, ${why}`));
        visit(v, here, m);
      }
    }
  };
  for (const m of manifests) visit(m, () => '', m);
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
