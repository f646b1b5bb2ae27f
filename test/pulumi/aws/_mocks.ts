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

export { isSecretEnvelope as isWireSecret, settle, unwrapSecrets, valueOf } from '../../../lib/pulumi/testing';

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
