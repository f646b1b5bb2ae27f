import { CapiValidationError, formatIssue, renderManagedCluster, validateClusterSpec } from '../../lib';
import { parseYamlDocuments } from '../../lib/support/yaml';
import { awsSpec as awsSpecOf, devSpec as devSpecOf } from './fixtures';

const devSpec = devSpecOf();
const awsSpec = awsSpecOf();

const messages = (spec: unknown) => validateClusterSpec(spec as any).map(i => formatIssue(i));

describe('strict input: a property the spec does not know is an error, with the closest known name', () => {
  test.each([
    [{ ...devSpec, workerpools: [{ name: 'a' }] }, 'workerpools: unknown property: did you mean "workerPools"?'],
    [{ ...devSpec, workerPools: [{ name: 'a', nodeLabel: { x: 'y' } }] }, 'workerPools[0].nodeLabel: unknown property: did you mean "nodeLabels"?'],
    [{ ...devSpec, workerPools: [{ name: 'a', replica: 2 }] }, 'workerPools[0].replica: unknown property: did you mean "replicas"?'],
    [{ ...awsSpec, workerPools: [{ name: 'a', machine: { aws: { instancetype: 'm6i.large' } } }] }, 'workerPools[0].machine.aws.instancetype: unknown property: did you mean "instanceType"?'],
    [{ ...awsSpec, infrastructure: { aws: { ...awsSpec.infrastructure.aws, regoin: 'x' } } }, 'infrastructure.aws.regoin: unknown property: did you mean "region"?'],
    [{ ...devSpec, controlPlane: { replicas: 1, rollout: { maxsurge: 1 } } }, 'controlPlane.rollout.maxsurge: unknown property: did you mean "maxSurge"?'],
  ])('throws for %j', (spec, expected) => {
    const lines = messages(spec);
    expect(lines.some(l => l.startsWith(expected))).toBe(true);
    expect(() => renderManagedCluster(spec as any)).toThrow(CapiValidationError);
  });

  test('a spec read from YAML (a fleet inventory, a stack file) gets the same errors', () => {
    const [doc] = parseYamlDocuments(`name: c
version: v1.34.1
infrastructure:
  dev: {}
workerpools:
  - name: a
    replica: 2
`);
    expect(messages(doc.value)).toEqual([expect.stringMatching(/^workerpools: unknown property: did you mean "workerPools"\?/)]);
    expect(messages({ ...(doc.value as object), workerpools: undefined, workerPools: [{ name: 'a', replica: 2 }] })).toEqual([expect.stringMatching(/^workerPools\[0\]\.replica: unknown property: did you mean "replicas"\?/)]);
  });

  test('an unquoted YAML boolean or number where a string belongs says to quote it', () => {
    const [doc] = parseYamlDocuments(`name: c
version: v1.34.1
infrastructure:
  dev: {}
workerPools:
  - name: no
    files:
      - path: /etc/x
        content: on
        permissions: 0644
`);
    const fix = 'Fix: write a string; in YAML, put it in quotes: unquoted no, yes, on, off, 0644 or 1.30 read as booleans and numbers';
    expect(messages(doc.value)).toEqual([
      `workerPools[0].files[0].content: must be a string, got a boolean (got (hidden: credential)). ${fix}`,
      `workerPools[0].files[0].permissions: must be a string, got a number (got 420). ${fix}`,
      `workerPools[0].name: must be a string, got a boolean (got false). ${fix}`,
      'workerPools[0].files[0]: set exactly one of content or contentFromSecret. Fix: use contentFromSecret for anything secret',
    ]);
  });

  test('an unknown property far from every known one is named without a guess, with the allowed names', () => {
    const [issue] = validateClusterSpec({ ...devSpec, colour: 'blue' } as any);
    expect(issue).toEqual(expect.objectContaining({ path: 'colour', message: 'unknown property', fix: 'remove it, or move it where it belongs' }));
    expect(issue.allowed).toContain('workerPools');
  });

  test('a prototype key from parsed data is an unknown property, and pollutes nothing', () => {
    const spec = JSON.parse(`{"name":"c","version":"v1.34.1","infrastructure":{"dev":{}},"__proto__":{"polluted":true}}`);
    expect(messages(spec)).toEqual(['__proto__: unknown property (allowed: name, namespace, labels, annotations, version, supportedVersions, network, paused, infrastructure, controlPlane, workerPools, addons, names, overrides). Fix: remove it, or move it where it belongs']);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('strict input: every problem at once', () => {
  test('a wrong type does not hide the rule problems elsewhere', () => {
    const spec = { ...devSpec, controlPlane: { replicas: 2 }, workerPools: [{ name: 'a', replicas: '3' }, { name: 'B' }] };
    expect(validateClusterSpec(spec as any).map(i => i.path)).toEqual(['workerPools[0].replicas', 'controlPlane.replicas', 'workerPools[1].name']);
  });
});

describe('strict input: values that are not JSON data', () => {
  const cyclic: any = { a: 1 };
  cyclic.self = cyclic;
  test.each([
    ['a cycle', cyclic, 'the value contains itself (a cycle) at self'],
    ['a BigInt', 10n, 'a BigInt is not JSON data'],
    ['NaN', NaN, 'NaN is not a JSON number'],
    ['a function', () => 1, 'a function is not JSON data'],
    ['an object with toJSON', { toJSON: () => 'x' }, 'an object with a toJSON method'],
    ['a sparse list', [1, , 3], 'a hole in a sparse list at [1]'],
    ['a Date (an object with toJSON)', new Date(0), 'an object with a toJSON method'],
    ['a class instance', new Map(), 'an instance of Map is not JSON data'],
  ])('throws for %s in an override value', (_what, value, expected) => {
    const spec = { ...devSpec, overrides: [{ target: 'cluster', path: 'metadata.annotations.x', value }] };
    expect(messages(spec)).toEqual([`overrides[0].value: must be JSON data: ${expected}. Fix: use plain objects, lists, strings, finite numbers, booleans and null`]);
  });

  test.each([
    ['a hole in a list', { ...devSpec, controlPlane: { replicas: 1, certSans: ['a', , 'c'] } }, 'controlPlane.certSans[1]: is a hole in a sparse list'],
    ['Infinity for a number', { ...devSpec, controlPlane: { replicas: Infinity } }, 'controlPlane.replicas: must be a number, got Infinity'],
    ['a BigInt for a number', { ...devSpec, controlPlane: { replicas: 3n } }, 'controlPlane.replicas: must be a number, got a BigInt'],
    ['toJSON for labels', { ...devSpec, labels: { toJSON: () => ({}) } }, 'labels: must be plain data, not an object with a toJSON method'],
    ['a Map for an object', { ...devSpec, network: new Map() }, 'network: must be an object, got an instance of Map'],
  ])('throws for %s', (_what, spec, expected) => {
    expect(messages(spec).some(l => l.startsWith(expected))).toBe(true);
    expect(() => renderManagedCluster(spec as any)).toThrow(CapiValidationError);
  });
});

describe('error messages never echo credentials and cut long values', () => {
  test('a value at a credential path is masked, in the message and in the issues', () => {
    const secret = 'hunter2-hunter2';
    const spec = { ...devSpec, controlPlane: { replicas: 1, files: [{ path: 'relative', content: secret, permissions: 'rw' }] } };
    try {
      renderManagedCluster(spec as any);
      throw new Error('expected a CapiValidationError');
    } catch (e) {
      expect(CapiValidationError.isCapiValidationError(e)).toBe(true);
      expect((e as Error).message).not.toContain(secret);
      expect(JSON.stringify((e as CapiValidationError).issues)).not.toContain(secret);
    }
  });

  test('a huge value, key or name is cut and its length said', () => {
    const huge = 'x'.repeat(10_000_000);
    const lines = messages({ ...devSpec, name: huge, labels: { [huge]: 'v' } });
    for (const line of lines) expect(line.length).toBeLessThan(2000);
    expect(lines.join('\n')).toContain('(10000000 characters)');
  });
});
