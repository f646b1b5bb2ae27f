/**
 * Property-based tests of the core over random cluster specs (fast-check, fixed seed).
 * A failure prints the seed, the shrunk counterexample and the replay path.
 */
import fc from 'fast-check';
import { CapiValidationError, renderManagedCluster, toYaml } from '../../lib';
import { parseYamlDocuments } from '../../lib/support/yaml';
import { mutatedClusterSpec, permuteKeys, SEED, validClusterSpec } from '../../tools/arbitraries';

const RUNS = 150;

/** fc.assert with the suite's seed; the thrown message always names the seed. */
function check<T>(property: fc.IPropertyWithHooks<T>, numRuns = RUNS): void {
  try {
    fc.assert(property, { seed: SEED, numRuns });
  } catch (e) {
    throw new Error(`property failed with seed ${SEED} (replay: fc.assert(prop, { seed: ${SEED}, numRuns: ${numRuns} }))\n${(e as Error).message}`);
  }
}

/** Renders to YAML, or returns the validation error; anything else is thrown. */
function outcome(spec: unknown): { yaml: string } | { error: CapiValidationError } {
  try {
    return { yaml: toYaml(renderManagedCluster(spec as any).manifests) };
  } catch (e) {
    if (e instanceof CapiValidationError) return { error: e };
    throw new Error(`not a CapiValidationError: ${(e as Error)?.stack ?? String(e)}`);
  }
}

describe('random valid specs', () => {
  test('always render, to YAML that reads back (as kubectl reads it) to the same objects', () => {
    check(fc.property(validClusterSpec, spec => {
      const rendered = renderManagedCluster(spec);
      const docs = parseYamlDocuments(toYaml(rendered.manifests));
      expect(docs.filter(d => d.error !== undefined)).toEqual([]);
      expect(docs.map(d => d.value)).toEqual(JSON.parse(JSON.stringify(rendered.manifests)));
    }));
  });

  test('render deterministically: same input, same bytes', () => {
    check(fc.property(validClusterSpec, spec => {
      const copy = JSON.parse(JSON.stringify(spec));
      expect(toYaml(renderManagedCluster(copy).manifests)).toBe(toYaml(renderManagedCluster(spec).manifests));
    }));
  });

  test('render the same bytes whatever the key order of the input', () => {
    check(fc.property(validClusterSpec, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (spec, seed) => {
      expect(toYaml(renderManagedCluster(permuteKeys(spec, seed)).manifests)).toBe(toYaml(renderManagedCluster(spec).manifests));
    }));
  });

  test('emit no undefined, null, NaN or Infinity, and label every object with its cluster', () => {
    check(fc.property(validClusterSpec, spec => {
      for (const m of renderManagedCluster(spec).manifests) {
        expect(m.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe(spec.name);
        const bad: string[] = [];
        const visit = (v: unknown, path: string): void => {
          if (v === undefined || v === null || (typeof v === 'number' && !Number.isFinite(v))) bad.push(path);
          else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
          else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) visit(x, `${path}.${k}`);
        };
        visit(m, `${m.kind}/${m.metadata.name}`);
        expect(bad).toEqual([]);
      }
    }));
  });
});

describe('random specs with hostile values', () => {
  test('either render or throw one CapiValidationError listing every problem, never another exception', () => {
    let rendered = 0;
    let refused = 0;
    check(fc.property(mutatedClusterSpec, ({ spec }) => {
      const result = outcome(spec);
      if ('yaml' in result) {
        rendered++;
        expect(result.yaml.length).toBeGreaterThan(0);
      } else {
        refused++;
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) {
          expect(typeof issue.path).toBe('string');
          expect(issue.message).toMatch(/\S/);
          // The message lists every issue, path first.
          expect(result.error.message).toContain(`${issue.path}: ${issue.message}`);
        }
      }
    }), 300);
    // The mutations must exercise both outcomes, or the property proves little.
    expect(refused).toBeGreaterThan(50);
    expect(rendered).toBeGreaterThan(5);
  });

  test('give the same outcome (bytes or issues) for the same input, in any key order', () => {
    check(fc.property(mutatedClusterSpec, fc.integer({ min: 1, max: 2 ** 31 - 1 }), ({ spec }, seed) => {
      const a = outcome(spec);
      const b = outcome(permuteKeys(spec, seed));
      if ('yaml' in a) expect(b).toEqual(a);
      else {
        expect('error' in b).toBe(true);
        const issues = (r: ReturnType<typeof outcome>) => ('error' in r ? r.error.issues.map(i => `${i.path}: ${i.message}`).sort() : []);
        expect(issues(b)).toEqual(issues(a));
      }
    }));
  });
});
