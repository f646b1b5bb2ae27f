/**
 * Pulumi mocks shared by the AWS component tests. Import this file, call `installMocks()` and only
 * then import the module under test (dynamic `import()` in `beforeAll`), so every resource is
 * registered against the mocks.
 */
import * as pulumi from '@pulumi/pulumi';

/** One resource registered under the mocks. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly provider?: string;
}

/** Availability zones the mocked `aws.getAvailabilityZones` returns. */
export const MOCK_AZS = ['mock-1a', 'mock-1b', 'mock-1c', 'mock-1d'];

const ACCOUNT = '123456789012';

/** Installs mocks that echo inputs as state (plus ids and ARNs) and returns the list they fill. */
export function installMocks(): Registered[] {
  const registered: Registered[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        const state: Record<string, any> = { ...args.inputs };
        const path = args.inputs.path ?? '/';
        if (args.type === 'aws:iam/role:Role') state.arn = `arn:aws:iam::${ACCOUNT}:role${path}${args.inputs.name}`;
        if (args.type === 'aws:iam/policy:Policy') state.arn = `arn:aws:iam::${ACCOUNT}:policy${path}${args.inputs.name}`;
        return { id: `${args.name}-id`, state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === 'aws:index/getAvailabilityZones:getAvailabilityZones') {
          return { names: MOCK_AZS, zoneIds: MOCK_AZS.map(z => `${z}-id`), id: 'mock' };
        }
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    'project',
    'stack',
    false,
  );
  return registered;
}

/** True when a value reached the mocks in Pulumi's wire form for a secret. */
export function isWireSecret(value: unknown): value is { value: unknown } {
  return typeof value === 'object' && value !== null &&
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

/** A deep copy with every wire-form secret replaced by its value, for comparing plain shapes. */
export function unwrapSecrets(value: unknown): any {
  if (isWireSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** The value of an Output (or plain value), awaited; rejects when the Output fails. */
export function valueOf<T>(value: pulumi.Input<T>): Promise<T> {
  // `promise()` is internal to Output but is how Pulumi's own tests read values, errors included.
  return (pulumi.output(value) as unknown as { promise(): Promise<T> }).promise();
}

/**
 * Resolves once registrations have stopped arriving (the count is unchanged for a few ticks).
 * Registration under mocks is asynchronous; call this after awaiting the component's outputs.
 */
export async function settle(registered: readonly Registered[]): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 200 && stable < 3; i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
    stable = registered.length === last ? stable + 1 : 0;
    last = registered.length;
  }
}

/** Runs `fn`, expects it to throw a `pulumi.InputPropertiesError` and returns that error. */
export function inputPropertiesErrorOf(fn: () => unknown): pulumi.InputPropertiesError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(pulumi.InputPropertiesError.isInstance(caught)).toBe(true);
  return caught as pulumi.InputPropertiesError;
}
