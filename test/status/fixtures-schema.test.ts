/**
 * The stand-in's objects carry status as the API server would store it: every `status` of
 * tools/status-objects.ts checked against the status schema of its CRD (types, known fields,
 * required fields, enums, minimums). capi-validate checks manifests and skips status (a status
 * subresource ignores it on create), so this test does. The CRDs come from CAPI_CRDS_DIR (default
 * ../shared/capi-crds); without them the test says so and checks nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseYamlDocuments } from '../../lib/support/yaml';
import { statusFleet } from '../../tools/status-objects';

const crdsDir = path.resolve(__dirname, '../..', process.env.CAPI_CRDS_DIR ?? '../shared/capi-crds');
type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[]; enum?: unknown[]; minimum?: number; additionalProperties?: Schema | boolean; 'x-kubernetes-preserve-unknown-fields'?: boolean };

function statusSchemas(): Map<string, Schema> {
  const out = new Map<string, Schema>();
  const files = ['cluster-api/v1.14.0/core', 'cluster-api/v1.14.0/controlplane-kubeadm', 'cluster-api-addon-provider-helm/v0.6.4', 'cluster-api-operator/v0.28.0']
    .flatMap((d) => fs.readdirSync(path.join(crdsDir, d)).map((f) => path.join(crdsDir, d, f)));
  for (const file of files) {
    type Crd = { spec?: { group: string; names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> } };
    for (const crd of parseYamlDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.value as Crd | undefined)) {
      if (!crd?.spec) continue;
      for (const v of crd.spec.versions) {
        const status = v.schema.openAPIV3Schema.properties?.status;
        if (status) out.set(`${crd.spec.group}/${v.name}|${crd.spec.names.kind}`, status);
      }
    }
  }
  return out;
}

function check(value: unknown, schema: Schema, at: string, errors: string[]): void {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (schema.type && schema.type !== type && !(schema.type === 'number' && type === 'integer')) errors.push(`${at}: ${type}, the schema says ${schema.type}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
  if (type === 'array' && schema.items) (value as unknown[]).forEach((v, i) => check(v, schema.items!, `${at}[${i}]`, errors));
  if (type === 'object' && !schema['x-kubernetes-preserve-unknown-fields']) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${at}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!sub) errors.push(`${at}.${k}: not in the schema`);
      else check(v, sub, `${at}.${k}`, errors);
    }
  }
}

const haveCrds = fs.existsSync(path.join(crdsDir, 'cluster-api', 'v1.14.0'));
(haveCrds ? test : test.skip)('every status of the stand-in objects fits its CRD\'s status schema', () => {
  const schemas = statusSchemas();
  const errors: string[] = [];
  let checked = 0;
  for (const o of statusFleet()) {
    if (!o.apiVersion.includes('x-k8s.io') || o.status === undefined) continue;
    const schema = schemas.get(`${o.apiVersion}|${o.kind}`);
    if (!schema) {
      errors.push(`${o.kind}: no CRD serves ${o.apiVersion}`);
      continue;
    }
    check(o.status, schema, `${o.kind}/${o.metadata.name}.status`, errors);
    checked++;
  }
  expect(errors).toEqual([]);
  expect(checked).toBeGreaterThan(40);
});
