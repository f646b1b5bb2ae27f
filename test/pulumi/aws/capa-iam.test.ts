import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { inputPropertiesErrorOf, installMocks, Registered, settle, valueOf } from './_mocks';

// Mocks first, then the module under test (imported in beforeAll).
const registered = installMocks();
let iam: typeof import('../../../lib/pulumi/aws/capa-iam');

const FIXTURES = path.resolve(__dirname, '../../fixtures/capa-iam/v2.11.1');
const SHARED = process.env.CAPA_IAM_DIR ?? path.resolve(__dirname, '../../../../shared/capa-iam/v2.11.1');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

beforeAll(async () => {
  iam = await import('../../../lib/pulumi/aws/capa-iam');
});

const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const sorted = (xs: string[]) => [...xs].sort();

/** The comparable core of a gen-summary.js summary: counts, roles, profiles, policies, attachments. */
function reduceSummary(s: any) {
  return {
    counts: {
      roles: s.counts.roles,
      instanceProfiles: s.counts.instanceProfiles,
      managedPolicies: s.counts.managedPolicies,
      statements: s.counts.managedPolicyStatements,
      distinctActions: s.counts.distinctActionsAcrossManagedPolicies,
    },
    roles: byName(s.roles.map((r: any) => ({
      name: r.name,
      path: r.path,
      permissionsBoundary: r.permissionsBoundary,
      trust: r.trustStatements.map((t: any) => ({ effect: t.effect, principals: t.principals, actions: t.actions, condition: t.condition })),
      customerPolicies: sorted(r.customerManagedPoliciesInTemplate.map((p: any) => p.name)),
      awsManagedPolicyArns: sorted(r.managedPolicyArns),
      inlinePolicies: r.inlinePolicies,
    }))),
    instanceProfiles: byName(s.instanceProfiles.map((p: any) => ({ name: p.name, path: p.path, roles: sorted(p.roles.map((r: any) => r.name)) }))),
    policies: byName(s.managedPolicies.map((p: any) => ({
      name: p.name,
      description: p.description,
      roles: sorted(p.attachedTo.roles.map((r: any) => r.name)),
      statements: p.statements.map((st: any) => ({ effect: st.effect, actions: st.actions, resources: st.resources, condition: st.condition })),
    }))),
  };
}

/** The same shape, rebuilt from what a CapaIam component registered under the mocks. */
function reduceRegistered(all: Registered[], component: string) {
  const mine = all.filter(r => r.name.startsWith(`${component}-`));
  const ofType = (t: string) => mine.filter(r => r.type === t).map(r => r.inputs);
  const roles = ofType('aws:iam/role:Role');
  const policies = ofType('aws:iam/policy:Policy');
  const profiles = ofType('aws:iam/instanceProfile:InstanceProfile');
  const attachments = ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment');
  const policyNameOfArn = (arn: string) => policies.find(p => arn.endsWith(`:policy${p.path ?? '/'}${p.name}`))?.name;
  const statements = policies.flatMap(p => JSON.parse(p.policy).Statement);
  return {
    counts: {
      roles: roles.length,
      instanceProfiles: profiles.length,
      managedPolicies: policies.length,
      statements: statements.length,
      distinctActions: new Set(statements.flatMap((s: any) => s.Action)).size,
    },
    roles: byName(roles.map(r => ({
      name: r.name,
      path: r.path ?? null,
      permissionsBoundary: r.permissionsBoundary ?? null,
      trust: JSON.parse(r.assumeRolePolicy).Statement.map((t: any) => ({ effect: t.Effect, principals: t.Principal, actions: t.Action, condition: t.Condition ?? null })),
      customerPolicies: sorted(attachments.filter(a => a.role === r.name && policyNameOfArn(a.policyArn)).map(a => policyNameOfArn(a.policyArn)!)),
      awsManagedPolicyArns: sorted(attachments.filter(a => a.role === r.name && !policyNameOfArn(a.policyArn)).map(a => a.policyArn)),
      inlinePolicies: [],
    }))),
    instanceProfiles: byName(profiles.map(p => ({ name: p.name, path: p.path ?? null, roles: [p.role] }))),
    policies: byName(policies.map(p => ({
      name: p.name,
      description: p.description,
      roles: sorted(attachments.filter(a => policyNameOfArn(a.policyArn) === p.name).map(a => a.role)),
      statements: JSON.parse(p.policy).Statement.map((st: any) => ({
        effect: st.Effect,
        actions: [...new Set<string>(st.Action)].sort(),
        resources: st.Resource,
        condition: st.Condition ?? null,
      })),
    }))),
  };
}

async function build(name: string, args?: import('../../../lib/pulumi/aws/capa-iam').CapaIamArgs) {
  const component = new iam.CapaIam(name, args);
  await valueOf(component.controllersEksPolicyArn);
  await settle(registered);
  return component;
}

describe('CapaIam against the upstream template summaries', () => {
  test('registers the roles, instance profiles, policies, statements and actions of default.yaml', async () => {
    await build('default');
    const expected = reduceSummary(readJson(path.join(FIXTURES, 'summary.json')));
    expect(expected.counts).toEqual({ roles: 4, instanceProfiles: 3, managedPolicies: 4, statements: 21, distinctActions: 195 });
    expect(reduceRegistered(registered, 'default')).toEqual(expected);
  });

  test('disableEks registers what with_eks_disable.yaml holds', async () => {
    await build('noeks', { disableEks: true });
    const expected = reduceSummary(readJson(path.join(FIXTURES, 'with_eks_disable.summary.json')));
    expect(expected.counts).toEqual({ roles: 3, instanceProfiles: 3, managedPolicies: 3, statements: 11, distinctActions: 163 });
    expect(reduceRegistered(registered, 'noeks')).toEqual(expected);
  });

  (fs.existsSync(SHARED) ? test : test.skip)('the committed fixtures equal the shared upstream summaries', () => {
    expect(readJson(path.join(FIXTURES, 'summary.json'))).toEqual(readJson(path.join(SHARED, 'summary.json')));
    const eksDisable = execFileSync(process.execPath, [path.join(SHARED, 'gen-summary.js'), 'with_eks_disable.yaml'], { cwd: SHARED, encoding: 'utf8' });
    expect(readJson(path.join(FIXTURES, 'with_eks_disable.summary.json'))).toEqual(JSON.parse(eksDisable));
  });
});

describe('CapaIam', () => {
  test('outputs the fixed upstream names and the ARNs of the created resources', async () => {
    const c = await build('outputs');
    expect(await valueOf(c.controlPlaneInstanceProfileName)).toBe('control-plane.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.nodesInstanceProfileName)).toBe('nodes.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.controllersInstanceProfileName)).toBe('controllers.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.controllersRoleName)).toBe('controllers.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.controllersRoleArn)).toBe('arn:aws:iam::123456789012:role/controllers.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.controllersPolicyArn)).toBe('arn:aws:iam::123456789012:policy/controllers.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.eksControlPlaneRoleName)).toBe('eks-controlplane.cluster-api-provider-aws.sigs.k8s.io');
    expect(await valueOf(c.controllersEksPolicyArn)).toBe('arn:aws:iam::123456789012:policy/controllers-eks.cluster-api-provider-aws.sigs.k8s.io');
  });

  test('leaves the EKS outputs undefined with disableEks', async () => {
    const c = await build('outputs-noeks', { disableEks: true });
    expect(await valueOf(c.eksControlPlaneRoleArn)).toBeUndefined();
    expect(await valueOf(c.controllersEksPolicyArn)).toBeUndefined();
    expect(c.roles.eksControlPlane).toBeUndefined();
    expect(await valueOf(c.nodesRoleName)).toBe('nodes.cluster-api-provider-aws.sigs.k8s.io');
  });

  test('names every child ${name}-<suffix> and parents it to the component', async () => {
    const c = await build('naming');
    const mine = registered.filter(r => r.name.startsWith('naming-'));
    expect(mine.map(r => r.name).sort()).toEqual([
      'naming-control-plane-controllers', 'naming-control-plane-controllers-eks', 'naming-control-plane-control-plane',
      'naming-control-plane-nodes', 'naming-control-plane-policy', 'naming-control-plane-profile', 'naming-control-plane-role',
      'naming-controllers-controllers', 'naming-controllers-controllers-eks', 'naming-controllers-eks-policy',
      'naming-controllers-policy', 'naming-controllers-profile', 'naming-controllers-role',
      'naming-eks-controlplane-AmazonEKSClusterPolicy', 'naming-eks-controlplane-role',
      'naming-nodes-AmazonEKSWorkerNodePolicy', 'naming-nodes-AmazonEKS_CNI_Policy', 'naming-nodes-nodes', 'naming-nodes-policy',
      'naming-nodes-profile', 'naming-nodes-role',
    ].sort());
    expect(await valueOf(c.urn)).toContain('::capi-constructs:aws:CapaIam::naming');
    expect(await valueOf(c.roles.nodes!.urn)).toContain('capi-constructs:aws:CapaIam$aws:iam/role:Role::naming-nodes-role');
    expect(await valueOf(c.policies.controllers!.urn)).toContain('capi-constructs:aws:CapaIam$aws:iam/policy:Policy::');
  });

  test('puts permissionsBoundary on every role and path and tags on every role, profile and policy', async () => {
    const boundary = 'arn:aws:iam::123456789012:policy/capa-boundary';
    await build('bounded', { permissionsBoundary: boundary, path: '/capi/', tags: { team: 'platform' } });
    const mine = registered.filter(r => r.name.startsWith('bounded-') && !r.type.endsWith(':RolePolicyAttachment'));
    expect(mine).toHaveLength(11);
    for (const r of mine) {
      expect(r.inputs.path).toBe('/capi/');
      expect(r.inputs.tags).toEqual({ team: 'platform' });
      if (r.type === 'aws:iam/role:Role') expect(r.inputs.permissionsBoundary).toBe(boundary);
    }
    // Apart from path and boundary, the layout is still the upstream one (attachments follow the path).
    const upstream = reduceSummary(readJson(path.join(FIXTURES, 'summary.json')));
    expect(reduceRegistered(registered, 'bounded')).toEqual({
      ...upstream,
      roles: upstream.roles.map((r: object) => ({ ...r, path: '/capi/', permissionsBoundary: boundary })),
      instanceProfiles: upstream.instanceProfiles.map((p: object) => ({ ...p, path: '/capi/' })),
    });
  });

  test('writes the configured partition into the ARNs upstream does not wildcard', () => {
    const plan = iam.planCapaIam({ partition: 'aws-cn' });
    const text = JSON.stringify(plan);
    expect(text).not.toContain('arn:aws:');
    expect(text).toContain('arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy');
    expect(text).toContain('arn:aws-cn:iam::*:role/aws-service-role/eks-fargate-pods.amazonaws.com/');
    expect(plan.roles.find(r => r.key === 'nodes')!.awsManagedPolicyArns).toEqual([
      'arn:aws-cn:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws-cn:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
  });

  test('keeps every policy under the 6,144-character IAM managed-policy limit and free of repeated actions', () => {
    for (const p of iam.planCapaIam().policies) {
      expect(JSON.stringify(p.document).length).toBeLessThan(6144);
      for (const st of p.document.Statement) {
        const actions = (st as { Action: readonly string[] }).Action;
        expect(new Set(actions).size).toBe(actions.length);
      }
    }
  });

  test('accepts valid arguments and permissionsBoundary given as an Output', () => {
    expect(iam.validateCapaIamArgs({})).toEqual([]);
    expect(iam.validateCapaIamArgs({ path: '/', partition: 'aws-us-gov', permissionsBoundary: pulumi.output('x') })).toEqual([]);
  });

  test('throws when path, partition, permissionsBoundary and tags are invalid, naming each property', () => {
    const err = inputPropertiesErrorOf(() => new iam.CapaIam('bad', {
      path: 'capi', partition: 'azure', permissionsBoundary: 'capa-boundary', tags: { 'aws:owner': 'x' },
    }));
    expect(err.message).toMatch(/^Invalid arguments for capi-constructs:aws:CapaIam "bad": 4 problems:/);
    expect(err.errors.map(e => e.propertyPath)).toEqual(['path', 'partition', 'permissionsBoundary', 'tags["aws:owner"]']);
    expect(err.errors[0].reason).toContain('IAM path "capi" is not valid');
    expect(err.errors[1].reason).toContain('partition "azure" is not an AWS partition');
    expect(err.errors[2].reason).toContain('"capa-boundary" is not an IAM policy ARN');
    expect(err.errors[3].reason).toContain('must not start with "aws:"');
  });
});
