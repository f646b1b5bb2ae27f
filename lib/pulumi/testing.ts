/**
 * A mock harness for unit tests of programs and components that use this library, in the
 * spirit of cdk8s's `Testing`: Pulumi's `runtime.setMocks` with inputs echoed as state, a
 * record of every registered resource, and the helpers to await and read what was registered.
 * No Pulumi CLI, engine or cloud is needed, and no test framework is assumed.
 *
 * ```ts
 * import { installMocks, registeredManifests, settle } from 'capi-constructs/pulumi/testing';
 * const registered = installMocks();                               // first,
 * const { ManagedCluster } = await import('capi-constructs/pulumi'); // then the code under test
 * new ManagedCluster('dev', { version: 'v1.34.2', infrastructure: { dev: {} } });
 * await settle(registered);
 * registeredManifests(registered); // the Cluster API objects, as plain manifests
 * ```
 *
 * Pulumi's runtime state is process-wide: install the mocks once per process (or per module
 * registry, e.g. jest's `isolateModules`), before the module under test is loaded.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import * as YAML from 'yaml';

/** One resource registered (or read, when `id` is set) under the mocks. */
export interface Registered {
  /** Type token, e.g. `kubernetes:cluster.x-k8s.io/v1beta2:Cluster`. */
  readonly type: string;
  /** Pulumi resource name. */
  readonly name: string;
  /** The inputs, secret values unwrapped. */
  readonly inputs: Record<string, any>;
  /** Reference of the provider resource that manages it (`<provider urn>::<id>`), if any. */
  readonly provider?: string;
  /** The id of a read (`Resource.get`) or import; undefined for a registration. */
  readonly id?: string;
  /** The inputs as the engine saw them: secret values still wrapped in Pulumi's secret envelope. */
  readonly rawInputs: Record<string, any>;
}

/** What a mocked resource answers, merged over the defaults. */
export interface MockResourceAnswer {
  /** The physical id. Defaults to the read's id, else `<name>-id`. */
  readonly id?: string;
  /** Output properties added to (and overriding) the echoed inputs. */
  readonly state?: Record<string, any>;
}

/** Options of {@link installMocks}. */
export interface MockOptions {
  /**
   * Project name the URNs carry.
   * @default 'project'
   */
  readonly project?: string;
  /**
   * Stack name the URNs carry.
   * @default 'stack'
   */
  readonly stack?: string;
  /**
   * Run as a preview (`pulumi preview`): unknown outputs stay unknown.
   * @default false
   */
  readonly preview?: boolean;
  /**
   * Answers function calls (invokes) such as `aws.getAvailabilityZones`. Return undefined for a
   * call you do not answer: it then fails with "unexpected call <token>".
   * @default - every call fails
   */
  readonly call?: (args: pulumi.runtime.MockCallArgs) => Record<string, any> | undefined;
  /**
   * Adds to what a resource answers (its id, extra state such as an ARN). Return undefined to
   * keep the defaults: state = the inputs, id = `<name>-id`.
   * @default - the defaults
   */
  readonly resource?: (args: pulumi.runtime.MockResourceArgs) => MockResourceAnswer | undefined;
  /**
   * What a read of a core/v1 Secret (CAPI's `<cluster>-kubeconfig`, read by `ManagedCluster`
   * with `waitForReady`) holds under `data.value`, before base64.
   * @default MOCK_KUBECONFIG
   */
  readonly kubeconfig?: string;
}

/** What a read of a `<cluster>-kubeconfig` Secret holds by default, decoded. */
export const MOCK_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\n';

/** Pulumi's wire signature of a secret value: `{ [SECRET_SIG]: SECRET_VALUE, value }`. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE = '1b47061264138c4ac30d75fd1eb44270';

/** True when `value` is a secret envelope, the form in which mocks receive secret inputs. */
export function isSecretEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as any)[SECRET_SIG] === SECRET_VALUE;
}

/** A deep copy of `value` with every secret envelope replaced by the value it wraps. */
export function unwrapSecrets(value: unknown): any {
  if (isSecretEnvelope(value)) return unwrapSecrets((value as any).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/**
 * Installs Pulumi mocks that echo every resource's inputs as its state and records each
 * registration and read, in order, in the returned list (it fills while the program runs).
 * Call it before the module under test is loaded.
 */
export function installMocks(options: MockOptions = {}): Registered[] {
  const registered: Registered[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs), rawInputs: args.inputs, provider: args.provider, id: args.id || undefined });
        const state: Record<string, any> = { ...args.inputs };
        if (args.type === 'kubernetes:core/v1:Secret' && args.id) {
          state.data = { value: Buffer.from(options.kubeconfig ?? MOCK_KUBECONFIG).toString('base64') };
        }
        const answer = options.resource?.(args);
        return { id: answer?.id ?? (args.id || `${args.name}-id`), state: { ...state, ...(answer?.state ?? {}) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        const answer = options.call?.(args);
        if (answer === undefined) throw new Error(`unexpected call ${args.token}`);
        return answer;
      },
    },
    options.project ?? 'project',
    options.stack ?? 'stack',
    options.preview ?? false,
  );
  return registered;
}

/**
 * The value of an Output (or plain value), awaited; rejects when the Output fails. Reads
 * outside `apply`, which is only for tests.
 */
export function valueOf<T>(value: pulumi.Input<T>): Promise<T> {
  // `promise()` is internal to Output but is how Pulumi's own tests read values, errors included.
  return (pulumi.output(value) as unknown as { promise(): Promise<T> }).promise();
}

/**
 * Resolves once registrations have stopped arriving (the count is unchanged for a few ticks,
 * at most about two seconds). Registration under mocks is asynchronous: call this after
 * creating the resources, or after awaiting an output, before reading `registered`.
 */
export async function settle(registered: readonly unknown[]): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 200 && stable < 3; i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
    stable = registered.length === last ? stable + 1 : 0;
    last = registered.length;
  }
}

/** Options of {@link registeredManifests}. */
export interface RegisteredManifestsOptions {
  /**
   * Replace each value of a core/v1 Secret's `data` and `stringData` by `(secret)`, so no
   * credential is written out.
   * @default true
   */
  readonly redactSecrets?: boolean;
}

/**
 * The Kubernetes objects registered (CustomResources and built-in kinds; not providers, not
 * reads), inputs resolved and unwrapped, sorted by resource name.
 */
export function registeredManifests(registered: readonly Registered[], options: RegisteredManifestsOptions = {}): Record<string, any>[] {
  return registered
    .filter(r => r.type.startsWith('kubernetes:') && r.id === undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(r => {
      if (r.type !== 'kubernetes:core/v1:Secret' || options.redactSecrets === false) return r.inputs;
      const redact = (d: Record<string, unknown> | undefined) => (d ? Object.fromEntries(Object.keys(d).map(k => [k, '(secret)'])) : undefined);
      return JSON.parse(JSON.stringify({ ...r.inputs, data: redact(r.inputs.data), stringData: redact(r.inputs.stringData) }));
    });
}

/** Resource options a component gave one child, as {@link captureOptions} saw them. */
export interface CapturedOptions {
  readonly type: string;
  readonly name: string;
  readonly opts: pulumi.CustomResourceOptions;
}

/**
 * A (legacy) resource transformation that records the options each child is created with:
 * pass it in a component's `transformations`. Transformations run in the SDK, so also under
 * mocks, which never see options such as `protect` or `retainOnDelete`.
 */
export function captureOptions(into: CapturedOptions[]): pulumi.ResourceTransformation {
  return args => {
    into.push({ type: args.type, name: args.name, opts: args.opts as pulumi.CustomResourceOptions });
    return undefined;
  };
}

/**
 * The `config:` of a `Pulumi.<stack>.yaml` as `pulumi.runtime.setAllConfig` takes it: keys as
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

/** Options of {@link runProgram}. */
export interface RunProgramOptions extends MockOptions {
  /** Stack config, as {@link loadStackConfig} returns it. @default - none */
  readonly config?: Record<string, string>;
  /** Keys of `config` that are secrets. @default - none */
  readonly secretKeys?: readonly string[];
}

/** A run of a Pulumi program under mocks. */
export interface ProgramRun {
  /** Fills while the program runs: `await settle(run.registered)` before reading it. */
  readonly registered: Registered[];
  /** The program's stack outputs (its module exports). */
  readonly outputs: Record<string, any>;
}

/**
 * Installs mocks, sets the stack config and loads the program (a module path, resolved from
 * the working directory when relative). Registration continues asynchronously: `await
 * settle(run.registered)` before reading it. Pulumi's state is process-wide and a module
 * loads once: run each program in a fresh process or module registry.
 */
export function runProgram(program: string, options: RunProgramOptions = {}): ProgramRun {
  const registered = installMocks(options);
  pulumi.runtime.setAllConfig({ ...(options.config ?? {}) }, [...(options.secretKeys ?? [])]);
  const outputs = require(path.resolve(program)) as Record<string, any>;
  return { registered, outputs };
}
