/**
 * The repository's side of the Pulumi mock harness: `lib/pulumi/testing` (the public harness)
 * with the mocks of this repository (project `capi-constructs`, stack `test`, AWS calls answered:
 * tools/stack-runner.ts), and the stacks/ runner. Call `installMocks()` before importing the
 * module under test.
 */
import { installStackMocks } from '../../tools/stack-runner';
import { ProgramRun, Registered, registeredManifests } from '../../lib/pulumi/testing';

export { captureOptions, isSecretEnvelope, loadStackConfig, MOCK_KUBECONFIG, settle, unwrapSecrets, valueOf } from '../../lib/pulumi/testing';
export type { CapturedOptions, Registered } from '../../lib/pulumi/testing';
export { MOCK_AZS, REPO_ROOT, startStack, STACK_MOCKS } from '../../tools/stack-runner';

/** Installs the repository's mocks (inputs echoed as state, AWS calls answered) and returns the list they fill. */
export function installMocks(): Registered[] {
  return installStackMocks();
}

/** A run of the stacks/ program under mocks. */
export type StackRun = ProgramRun;

/** The Kubernetes objects a run applied (see `registeredManifests`), Secret values as `(secret)`. */
export function appliedManifests(run: StackRun): Record<string, any>[] {
  return registeredManifests(run.registered);
}
