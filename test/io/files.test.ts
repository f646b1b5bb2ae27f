import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseManifests, ReadBudget, readManifestPath } from '../../lib/io/files';
import { PlanInputError } from '../../lib/plan/types';
import { FIXTURES } from '../plan/fixtures';

const MiB = 1024 * 1024;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

/** A temporary folder, removed after `body`. */
function inTemp(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-read-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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

  test('throws when JSON nests deeper than the YAML reader allows (the comparison would overflow the stack)', () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    expect(() => parseManifests(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":${deep}}`, 'deep.json')).toThrow(
      new PlanInputError('deep.json: invalid JSON: nested more than 200 levels deep'),
    );
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

  test('follows symbolic links to folders and files', () =>
    inTemp((dir) => {
      fs.mkdirSync(path.join(dir, 'shared', 'prod'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'shared', 'prod', 'cluster.yaml'), namespace('prod'));
      fs.writeFileSync(path.join(dir, 'shared', 'staging.yaml'), namespace('staging'));
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.symlinkSync(path.join(dir, 'shared', 'prod'), path.join(dir, 'dist', 'prod'));
      fs.symlinkSync('../shared/staging.yaml', path.join(dir, 'dist', 'staging.yaml'));
      expect(readManifestPath(path.join(dir, 'dist')).map((m) => m.metadata.name)).toEqual(['prod', 'staging']);
    }));

  test('reads a folder reached by two paths once, and ends a loop of folders', () =>
    inTemp((dir) => {
      fs.mkdirSync(path.join(dir, 'clusters'));
      fs.writeFileSync(path.join(dir, 'clusters', 'prod.yaml'), namespace('prod'));
      fs.symlinkSync('clusters', path.join(dir, 'also-clusters'));
      fs.symlinkSync('..', path.join(dir, 'clusters', 'up'));
      fs.symlinkSync('prod.yaml', path.join(dir, 'clusters', 'same.yaml'));
      expect(readManifestPath(dir).map((m) => m.metadata.name)).toEqual(['prod']);
    }));

  test('throws when a symbolic link dangles or links loop', () =>
    inTemp((dir) => {
      fs.symlinkSync('gone', path.join(dir, 'prod'));
      expect(() => readManifestPath(dir)).toThrow(new PlanInputError(`${path.join(dir, 'prod')}: symbolic link to gone, which does not exist`));
      fs.rmSync(path.join(dir, 'prod'));
      fs.symlinkSync('b', path.join(dir, 'a'));
      fs.symlinkSync('a', path.join(dir, 'b'));
      expect(() => readManifestPath(dir)).toThrow(new PlanInputError(`${path.join(dir, 'a')}: symbolic links loop (too many levels of links)`));
    }));

  test('throws when a manifest in a folder is not a regular file (a FIFO would block the read)', () =>
    inTemp((dir) => {
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      expect(() => readManifestPath(dir)).toThrow(new PlanInputError(`${path.join(dir, 'pipe.yaml')}: not a regular file`));
    }));

  test('throws before reading when a file is over the limit per file (a sparse 200 MB file)', () =>
    inTemp((dir) => {
      const big = path.join(dir, 'big.json');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 200 * 1000 * 1000);
      expect(() => readManifestPath(dir)).toThrow(new PlanInputError(`${big} is 190.7 MiB, over the limit of 64 MiB per file: raise it with --max-file-size 191MiB`));
      const yaml = path.join(dir, 'big.yaml');
      fs.renameSync(big, yaml);
      expect(() => readManifestPath(yaml, new ReadBudget({ maxFileBytes: 1024 * MiB }))).toThrow(
        new PlanInputError(`${yaml} is 190.7 MiB: YAML files are read up to 64 MiB (the YAML reader's limit); split it into smaller files, or write it as JSON`),
      );
    }));

  test('throws before reading a side that takes the run over the total limit', () =>
    inTemp((dir) => {
      fs.mkdirSync(path.join(dir, 'before'));
      fs.mkdirSync(path.join(dir, 'after'));
      for (const side of ['before', 'after']) {
        for (const name of ['a', 'b']) fs.writeFileSync(path.join(dir, side, `${name}.yaml`), namespace(name).padEnd(300 * 1024, ' '));
      }
      const budget = new ReadBudget({ maxTotalBytes: 1 * MiB });
      expect(readManifestPath(path.join(dir, 'before'), budget)).toHaveLength(2);
      expect(budget.bytesRead).toBe(600 * 1024);
      expect(() => readManifestPath(path.join(dir, 'after'), budget)).toThrow(
        new PlanInputError(`${path.join(dir, 'after')} holds 0.6 MiB of manifests in 2 files, over the limit of 1 MiB for all input (0.6 MiB read before it): raise it with --max-input-size 2MiB`),
      );
    }));

  test('reads a pipe named on the command line (process substitution) within the limits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-read-'));
    const fifo = path.join(dir, 'in');
    try {
      execFileSync('mkfifo', [fifo]);
      // The writer is another process: this one blocks in the synchronous read.
      const write = (text: string) => spawn('sh', ['-c', 'printf %s "$1" > "$2" 2>/dev/null || true', 'sh', text, fifo], { stdio: 'ignore' });
      write(namespace('piped'));
      expect(readManifestPath(fifo).map((m) => m.metadata.name)).toEqual(['piped']);
      const flood = write(namespace('x').repeat(2000));
      expect(() => readManifestPath(fifo, new ReadBudget({ maxFileBytes: 1024 }))).toThrow(
        new PlanInputError(`${fifo} is more than 1024 bytes, over the limit of 1024 bytes per file: raise it with --max-file-size 1MiB`),
      );
      await new Promise((resolve) => flood.on('exit', resolve));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
