/**
 * Pulumi mocks for the ManagedCluster and stacks tests: inputs echoed as state, reads of CAPI's
 * kubeconfig Secret answered with a fixed kubeconfig, AWS calls answered as in the AWS tests.
 * Call `installMocks()` before importing the module under test.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as pulumi from '@pulumi/pulumi';
import * as YAML from 'yaml';
import { MOCK_AZS } from './aws/_mocks';

export { settle, valueOf } from './aws/_mocks';

/** One resource registered (or read, when `id` is set) under the mocks. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly provider?: string;
  readonly id?: string;
  /** The inputs as the engine saw them: secret values still wrapped in Pulumi's secret envelope. */
  readonly rawInputs: Record<string, any>;
}

/** Pulumi's wire signature of a secret value: `{ [SECRET_SIG]: SECRET_VALUE, value }`. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE = '1b47061264138c4ac30d75fd1eb44270';

/** True when `value` is a secret envelope as mocks receive it. */
export function isSecretEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as any)[SECRET_SIG] === SECRET_VALUE;
}

/** `value` with every secret envelope replaced by the value it wraps. */
export function unwrapSecrets(value: unknown): any {
  if (isSecretEnvelope(value)) return unwrapSecrets((value as any).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/** What a read of `<cluster>-kubeconfig` returns, decoded. */
export const MOCK_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\n';

export function installMocks(): Registered[] {
  const registered: Registered[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs), rawInputs: args.inputs, provider: args.provider, id: args.id || undefined });
        const state: Record<string, any> = { ...args.inputs };
        if (args.type === 'kubernetes:core/v1:Secret' && args.id) {
          state.data = { value: Buffer.from(MOCK_KUBECONFIG).toString('base64') };
        }
        if (args.type.startsWith('aws:')) state.arn = `arn:aws:mock::123456789012:${args.name}`;
        return { id: args.id || mockId(args.type, args.name), state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === 'aws:index/getAvailabilityZones:getAvailabilityZones') {
          return { names: MOCK_AZS, zoneIds: MOCK_AZS.map(z => `${z}-id`), id: 'mock' };
        }
        if (args.token === 'aws:index/getPartition:getPartition') return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
        if (args.token === 'aws:index/getRegion:getRegion') return { name: 'eu-west-1', region: 'eu-west-1', id: 'eu-west-1' };
        if (args.token === 'aws:index/getCallerIdentity:getCallerIdentity') return { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/mock', userId: 'mock', id: 'mock' };
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    'capi-constructs',
    'test',
    false,
  );
  return registered;
}

/** AWS-shaped ids for the AWS resources whose ids end up in manifests (`vpc-<hex>`, `subnet-<hex>`), `<name>-id` otherwise. */
function mockId(type: string, name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 17);
  if (type === 'aws:ec2/vpc:Vpc') return `vpc-${hex}`;
  if (type === 'aws:ec2/subnet:Subnet') return `subnet-${hex}`;
  return `${name}-id`;
}

/**
 * The `config:` of a Pulumi.<stack>.yaml as `pulumi.runtime.setAllConfig` takes it: keys as
 * written (`capi-constructs:clusters`, `aws:region`), objects and lists as JSON text. Encrypted
 * (`secure:`) values cannot be decrypted without the stack's secrets provider: they are refused.
 */
export function loadStackConfig(file: string): Record<string, string> {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries<unknown>(doc.config ?? {})) {
    if (value && typeof value === 'object' && 'secure' in value) throw new Error(`${file}: ${key} is encrypted; pass it to the mocks in plain text instead`);
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/** Resource options a component gave its children, captured with a legacy transformation (they run in the SDK, so also under mocks). */
export interface CapturedOptions {
  readonly type: string;
  readonly name: string;
  readonly opts: pulumi.CustomResourceOptions;
}

export function captureOptions(into: CapturedOptions[]): pulumi.ResourceTransformation {
  return args => {
    into.push({ type: args.type, name: args.name, opts: args.opts as pulumi.CustomResourceOptions });
    return undefined;
  };
}

/** Repository root (Pulumi.yaml and the stack files). */
export const REPO_ROOT = require('path').resolve(__dirname, '../..') as string;

/** A run of the stacks/ program under mocks. */
export interface StackRun {
  readonly registered: Registered[];
  /** The program's stack outputs (its module exports). */
  readonly outputs: Record<string, any>;
}

/**
 * Installs mocks, loads `Pulumi.<stack>.yaml` (plus `extraConfig`) as the stack's config and runs
 * the program. Registration continues asynchronously: `await settle(run.registered)` before
 * reading it. Run each stack in a fresh module registry (`jest.isolateModules`) or process.
 */
export function startStack(stack: string, extraConfig: Record<string, string> = {}, secretKeys: string[] = []): StackRun {
  const registered = installMocks();
  const file = require('path').join(REPO_ROOT, `Pulumi.${stack}.yaml`);
  pulumi.runtime.setAllConfig({ ...loadStackConfig(file), ...extraConfig }, secretKeys);
  const outputs = require('../../stacks') as Record<string, any>;
  return { registered, outputs };
}

/**
 * The Kubernetes objects a run applied, as plain manifests: CustomResources and built-in kinds
 * (not providers, not reads), inputs resolved, sorted by resource name. Values of core/v1 Secrets
 * are replaced by `(secret)` so no credential is written out.
 */
export function appliedManifests(run: StackRun): Record<string, any>[] {
  return run.registered
    .filter(r => r.type.startsWith('kubernetes:') && r.id === undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(r => {
      if (r.type !== 'kubernetes:core/v1:Secret') return r.inputs;
      const redact = (d: Record<string, unknown> | undefined) => (d ? Object.fromEntries(Object.keys(d).map(k => [k, '(secret)'])) : undefined);
      return JSON.parse(JSON.stringify({ ...r.inputs, data: redact(r.inputs.data), stringData: redact(r.inputs.stringData) }));
    });
}
