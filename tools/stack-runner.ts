/**
 * Runs this repository's Pulumi program (stacks/) under the mocks of `lib/pulumi/testing`, with
 * the answers its AWS components need: AWS calls (zones, partition, region, caller), AWS-shaped
 * ids for the VPC and subnets (they end up in manifests) and ARNs. Shared by the tests
 * (test/pulumi/_mocks.ts) and scripts/pulumi-manifests.ts (dev-only, never imported by lib/).
 */
import { createHash } from 'crypto';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, loadStackConfig, MockOptions, ProgramRun, Registered, runProgram } from '../lib/pulumi/testing';

/** Repository root (Pulumi.yaml and the stack files). */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Availability zones the mocked `aws.getAvailabilityZones` returns. */
export const MOCK_AZS = ['mock-1a', 'mock-1b', 'mock-1c', 'mock-1d'];

/** The mocks of this repository: URNs `urn:pulumi:test::capi-constructs::...`, AWS calls answered. */
export const STACK_MOCKS: MockOptions = {
  project: 'capi-constructs',
  stack: 'test',
  call(args: pulumi.runtime.MockCallArgs) {
    switch (args.token) {
      case 'aws:index/getAvailabilityZones:getAvailabilityZones': return { names: MOCK_AZS, zoneIds: MOCK_AZS.map(z => `${z}-id`), id: 'mock' };
      case 'aws:index/getPartition:getPartition': return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
      case 'aws:index/getRegion:getRegion': return { name: 'eu-west-1', region: 'eu-west-1', id: 'eu-west-1' };
      case 'aws:index/getCallerIdentity:getCallerIdentity': return { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/mock', userId: 'mock', id: 'mock' };
      default: return undefined;
    }
  },
  resource(args: pulumi.runtime.MockResourceArgs) {
    if (!args.type.startsWith('aws:')) return undefined;
    return { id: args.id ? undefined : awsId(args.type, args.name), state: { arn: `arn:aws:mock::123456789012:${args.name}` } };
  },
};

/** AWS-shaped ids for the AWS resources whose ids end up in manifests (`vpc-<hex>`, `subnet-<hex>`), `<name>-id` otherwise. */
function awsId(type: string, name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 17);
  if (type === 'aws:ec2/vpc:Vpc') return `vpc-${hex}`;
  if (type === 'aws:ec2/subnet:Subnet') return `subnet-${hex}`;
  return `${name}-id`;
}

/** Installs this repository's mocks ({@link STACK_MOCKS}). */
export function installStackMocks(): Registered[] {
  return installMocks(STACK_MOCKS);
}

/**
 * Runs stacks/ for `Pulumi.<stack>.yaml` (plus `extraConfig`) under this repository's mocks.
 * Registration continues asynchronously: `await settle(run.registered)` before reading it.
 * Run each stack in a fresh module registry (`jest.isolateModules`) or process.
 */
export function startStack(stack: string, extraConfig: Record<string, string> = {}, secretKeys: string[] = []): ProgramRun {
  const config = { ...loadStackConfig(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`)), ...extraConfig };
  return runProgram(path.join(REPO_ROOT, 'stacks'), { ...STACK_MOCKS, config, secretKeys });
}
