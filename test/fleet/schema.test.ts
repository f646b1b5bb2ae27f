import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { readInventoryPath } from '../../lib';
import { inventorySchemaText } from '../../lib/fleet/schema-file';
import { readYamlDocuments } from '../../lib/support/yaml-reader';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schema', 'inventory.schema.json');

test('schema/inventory.schema.json is what the shapes generate (run npm run schema when this fails)', () => {
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(inventorySchemaText());
});

describe('the schema checks what the inventory checks', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(inventorySchemaText()));

  test('every document of the example inventory is valid', () => {
    for (const file of readInventoryPath(path.join(ROOT, 'examples', 'inventory'))) {
      for (const doc of readYamlDocuments(file.content)) {
        expect({ file: file.path, valid: validate(doc.value), errors: validate.errors ?? null }).toEqual({ file: file.path, valid: true, errors: null });
      }
    }
  });

  test.each([
    ['a misspelled spec field', { kind: 'Layer', layer: 'site', name: 's', spec: { workerPools: [{ name: 'a', replcas: 1 }] } }],
    ['a misspelled document field', { kind: 'Cluster', name: 'c', layrs: {} }],
    ['a layer spec setting the name', { kind: 'Layer', layer: 'site', name: 's', spec: { name: 'x' } }],
    ['a keyed item without its key', { kind: 'Layer', layer: 'site', name: 's', spec: { addons: [{ kind: 'cni' }] } }],
    ['an unknown kind', { kind: 'Layr', name: 's' }],
    ['a string where a number belongs', { kind: 'Cluster', name: 'c', spec: { controlPlane: { replicas: '3' } } }],
    ['a rollout without waves', { kind: 'Layer', layer: 'site', name: 's', rollouts: [{ spec: {} }] }],
  ])('rejects %s', (_what, doc) => {
    expect(validate(doc)).toBe(false);
  });

  test('accepts the removal syntax: null, $remove and $ifInherited', () => {
    expect(validate({ kind: 'Layer', layer: 'site', name: 's', spec: { version: null, network: { podCidrs: null }, workerPools: [{ name: 'gpu', $remove: true }, { name: 'general', $ifInherited: true, replicas: 2 }] } })).toBe(true);
  });
});
