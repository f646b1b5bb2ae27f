import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ReadBudget, readInventoryPath } from '../../lib';

function withDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('reads every YAML and JSON file below a folder, sorted by path, hidden and other files skipped', () => {
  withDir(dir => {
    fs.mkdirSync(path.join(dir, 'sites'));
    fs.writeFileSync(path.join(dir, 'sites', 'b.yaml'), 'kind: Layer\n');
    fs.writeFileSync(path.join(dir, 'a.yml'), 'kind: Fleet\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# not read\n');
    fs.writeFileSync(path.join(dir, '.hidden.yaml'), 'x: 1\n');
    expect(readInventoryPath(dir).map(f => [path.relative(dir, f.path), f.content])).toEqual([['a.yml', 'kind: Fleet\n'], [path.join('sites', 'b.yaml'), 'kind: Layer\n']]);
  });
});

test('throws when the folder holds no inventory file, or a file is over the budget', () => {
  withDir(dir => {
    expect(() => readInventoryPath(dir)).toThrow(`${dir}: no inventory files (.yaml, .yml or .json) found`);
    fs.writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(2048));
    expect(() => readInventoryPath(dir, new ReadBudget({ maxFileBytes: 1024 }))).toThrow(/big\.yaml is 2048 bytes, over the limit of 1024 bytes per file/);
  });
});
