import { CapturedOptions, captureOptions, installMocks, settle, unwrapSecrets } from './_mocks';

const registered = installMocks();

import * as pulumi from '@pulumi/pulumi';
import { ManagementClusterSpec } from '../../lib';
import { CERT_MANAGER_CHART, CLUSTER_API_OPERATOR_CHART, ManagedCluster, ManagementCluster } from '../../lib/pulumi';

const spec: Omit<ManagementClusterSpec, 'name'> = {
  kubernetesVersion: 'v1.34.2',
  clusterApiVersion: 'v1.14.0',
  providers: { infrastructure: { aws: { version: 'v2.11.1' }, docker: {} }, addon: { helm: { version: 'v0.6.4' } } },
};

test('installs cert-manager, then the operator, then the providers after their namespace, secret and the core provider', async () => {
  const captured: CapturedOptions[] = [];
  const mgmt = new ManagementCluster('mgmt', {
    ...spec, installCertManager: true, installOperator: true,
    secretVariables: { 'infrastructure/aws': { AWS_B64ENCODED_CREDENTIALS: pulumi.secret('c2VjcmV0') } },
  }, { transformations: [captureOptions(captured)] });
  await settle(registered);
  const names = new Map<unknown, string>([[mgmt.certManager, 'mgmt/cert-manager'], [mgmt.operator, 'mgmt/cluster-api-operator']]);
  for (const [key, r] of mgmt.resources) names.set(r, `mgmt/${key}`);
  const releases = registered.filter(r => r.type === 'kubernetes:helm.sh/v3:Release');
  expect(releases.map(r => [r.name, r.inputs.chart, r.inputs.version, r.inputs.repositoryOpts.repo, r.inputs.namespace])).toEqual([
    ['mgmt/cert-manager', 'cert-manager', CERT_MANAGER_CHART.version, 'https://charts.jetstack.io', 'cert-manager'],
    ['mgmt/cluster-api-operator', 'cluster-api-operator', CLUSTER_API_OPERATOR_CHART.version, 'https://kubernetes-sigs.github.io/cluster-api-operator', 'capi-operator-system'],
  ]);
  const deps = (n: string) => ((captured.find(c => c.name === n)?.opts.dependsOn ?? []) as unknown[]).map(d => names.get(d));
  expect(deps('mgmt/cluster-api-operator')).toEqual(['mgmt/cert-manager']);
  expect(deps('mgmt/CoreProvider/capi-system/cluster-api')).toEqual(expect.arrayContaining(['mgmt/Namespace/capi-system', 'mgmt/cluster-api-operator']));
  expect(deps('mgmt/InfrastructureProvider/capa-system/aws')).toEqual(expect.arrayContaining([
    'mgmt/Namespace/capa-system', 'mgmt/Secret/capa-system/aws-variables', 'mgmt/cluster-api-operator', 'mgmt/CoreProvider/capi-system/cluster-api',
  ]));
  const aws = registered.find(r => r.name === 'mgmt/InfrastructureProvider/capa-system/aws')!;
  expect(aws.inputs.spec).toEqual({ version: 'v2.11.1', configSecret: { name: 'aws-variables', namespace: 'capa-system' } });
  const secret = registered.find(r => r.type === 'kubernetes:core/v1:Secret')!;
  expect(unwrapSecrets(secret.inputs.stringData)).toEqual({ AWS_B64ENCODED_CREDENTIALS: 'c2VjcmV0' });
  expect(mgmt.resources.get('Secret/capa-system/aws-variables')).toBeDefined();
});

test('throws one InputPropertiesError listing every problem, Pulumi options included', () => {
  expect(() => new ManagementCluster('bad', {
    ...spec, kubernetesVersion: 'v1.34',
    installOperator: { version: '0.28.0', chartt: 'x' } as never,
    secretVariables: { 'infrastructure/azure': {} },
  })).toThrow(/3 problems:\n {2}- kubernetesVersion: .*\n {2}- installOperator\.chartt: unknown property.*\n {2}- secretVariables\.infrastructure\/azure: names no provider/);
});

test('a ManagedCluster naming the component is checked against it', () => {
  const mgmt = new ManagementCluster('checked', spec);
  expect(() => new ManagedCluster('w', {
    version: 'v1.34.2', infrastructure: { dev: {} },
    workerPools: [{ name: 'md-0', taints: [{ key: 'a', effect: 'NoSchedule' }], taintsViaMachineTaintPropagation: true }],
    managementCluster: mgmt,
  })).toThrow(/workerPools\[0\]\.taintsViaMachineTaintPropagation: .*MachineTaintPropagation feature gate/);
  expect(() => new ManagedCluster('w2', { version: 'v1.29.0', infrastructure: { dev: {} }, managementCluster: mgmt })).toThrow(/version: Kubernetes v1.29 is outside/);
});
