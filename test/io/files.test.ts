import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseManifests, readManifestPath } from '../../lib/io/files';
import { PlanInputError } from '../../lib/plan/types';
import { FIXTURES } from '../plan/fixtures';

describe('parseManifests', () => {
  test('reads multi-document YAML as YAML 1.1, as kubectl does', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a, namespace: ns}',
      'data:',
      '  enabled: yes',
      '  mode: 0644',
      '---',
      '# an empty document',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: b}',
    ].join('\n');
    const [a, b, ...rest] = parseManifests(text, 'x.yaml');
    expect(rest).toEqual([]);
    expect(a.data).toEqual({ enabled: true, mode: 420 });
    expect(b.metadata.name).toBe('b');
  });

  test('flattens a kind: List and reads JSON files', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fleet' } }] };
    expect(parseManifests(JSON.stringify(list), 'list.json').map((m) => m.metadata.name)).toEqual(['fleet']);
  });

  test('skips kustomization files', () => {
    expect(parseManifests('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n', 'kustomization.yaml')).toEqual([]);
  });

  test('throws when the YAML is invalid', () => {
    expect(() => parseManifests('a: [1, 2\n', 'bad.yaml')).toThrow(/^bad.yaml: invalid YAML/);
  });

  test('throws when the JSON is invalid', () => {
    expect(() => parseManifests('{', 'bad.json')).toThrow(/^bad.json: invalid JSON/);
  });

  test('throws when a document is not a Kubernetes object', () => {
    expect(() => parseManifests('kind: Cluster\nmetadata: {name: x}\n---\napiVersion: v1\n', 'two.yaml')).toThrow(
      new PlanInputError('two.yaml (document 1): not a Kubernetes object (apiVersion, kind and metadata.name are required)'),
    );
  });
});

describe('readManifestPath', () => {
  test('reads a folder recursively, in sorted order, skipping hidden folders and other files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-read-'));
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, 'b', 'ns.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: second}\n');
      fs.writeFileSync(path.join(dir, 'a.json'), '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"first"}}');
      fs.writeFileSync(path.join(dir, '.git', 'x.yaml'), 'not: [valid');
      fs.writeFileSync(path.join(dir, 'README.md'), '# not a manifest');
      expect(readManifestPath(dir).map((m) => m.metadata.name)).toEqual(['first', 'second']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reads the fixture file', () => {
    expect(readManifestPath(path.join(FIXTURES, 'before', 'prod.yaml'))).toHaveLength(13);
  });

  test('throws when the path does not exist', () => {
    expect(() => readManifestPath('/nonexistent/plan')).toThrow('/nonexistent/plan: no such file or folder');
  });
});
