/**
 * The Pulumi program (Pulumi.yaml `main: stacks/`): AWS prerequisites for CAPA when configured,
 * then one ManagedCluster per entry of `capi-constructs:clusters`, applied to the management
 * cluster through one Kubernetes provider. Stacks: Pulumi.dev.yaml (local Dev provider, no AWS)
 * and Pulumi.aws.yaml (network + IAM + a CAPA cluster). Config reference: README.md.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ManagedCluster, ManagedClusterArgs } from '../lib/pulumi';
import { AllowedNamespaces, CapaIam, CapaIdentityKind, CapaNetwork, CapaRoleIdentity, CapaStaticIdentity } from '../lib/pulumi/aws';
import { CLUSTERS_ANNOTATION } from '../lib';
import { FROM_STACK, parseStackConfig, StackClusterConfig } from './config';

const config = new pulumi.Config();
const settings = parseStackConfig({
  kubeconfig: config.get('kubeconfig'),
  kubeconfigPath: config.get('kubeconfigPath'),
  context: config.get('context'),
  clusters: config.getObject('clusters'),
  aws: config.getObject('aws'),
  hasAwsAccessKeyId: config.get('awsAccessKeyId') !== undefined,
  hasAwsSecretAccessKey: config.get('awsSecretAccessKey') !== undefined,
});

// The provider's `kubeconfig` takes the file's content or its path, as given.
const kubeconfig = settings.kubeconfigSource === 'kubeconfig' ? config.requireSecret('kubeconfig') : config.get('kubeconfigPath');
const management = new k8s.Provider('management', { kubeconfig, context: settings.context });

const aws = settings.aws ?? {};
const network = aws.network
  ? new CapaNetwork('network', { ...aws.network, clusterNames: [...settings.networkClusters] })
  : undefined;
const iam = aws.iam ? new CapaIam('iam', aws.iam) : undefined;

const identityName = aws.identity?.name ?? 'capi-constructs';
const identityNamespaces = aws.identity?.allowedNamespaces
  ?? [...new Set(settings.clusters.filter(c => settings.identityClusters.includes(c.name)).map(c => c.namespace ?? 'default'))];
const identityCommon = {
  identityName,
  allowedNamespaces: identityNamespaces.length > 0 ? AllowedNamespaces.names(...identityNamespaces) : AllowedNamespaces.none(),
  clusterNames: [...settings.identityClusters],
};
const identity = aws.identity?.kind === 'AWSClusterStaticIdentity'
  ? new CapaStaticIdentity('identity', {
    ...identityCommon,
    accessKeyId: config.requireSecret('awsAccessKeyId'),
    secretAccessKey: config.requireSecret('awsSecretAccessKey'),
    sessionToken: config.getSecret('awsSessionToken'),
    controllerNamespace: aws.identity.controllerNamespace,
  }, { provider: management })
  : aws.identity?.kind === 'AWSClusterRoleIdentity'
    ? new CapaRoleIdentity('identity', {
      ...identityCommon,
      roleArn: aws.identity.roleArn,
      durationSeconds: aws.identity.durationSeconds,
      sourceIdentityRef: { kind: CapaIdentityKind.CONTROLLER, name: 'default' },
    }, { provider: management })
    : undefined;

/** Replaces the `"stack"` markers with the outputs of the components above. */
function clusterArgs(c: StackClusterConfig): ManagedClusterArgs {
  const awsInfra = c.infrastructure.aws as any;
  if (!awsInfra) return c;
  return {
    ...c,
    infrastructure: {
      ...c.infrastructure,
      aws: {
        ...awsInfra,
        network: awsInfra.network === FROM_STACK ? { existing: network!.existingNetwork } : awsInfra.network,
        identity: awsInfra.identity === FROM_STACK ? { kind: identity!.identityRef.kind, name: identity!.identity.metadata.name } : awsInfra.identity,
      },
    },
  };
}

// Namespaces other than `default` are created, and retained on delete: deleting a namespace
// would delete the clusters in it (and all their machines), bypassing the Cluster's protection.
const namespaces = new Map([...new Set(settings.clusters.map(c => c.namespace ?? 'default'))]
  .filter(ns => ns !== 'default')
  .map(ns => [ns, new k8s.core.v1.Namespace(ns, {
    metadata: { name: ns, annotations: { [CLUSTERS_ANNOTATION]: settings.clusters.filter(c => c.namespace === ns).map(c => c.name).join(',') } },
  }, { provider: management, retainOnDelete: true })]));

const clusters = settings.clusters.map(c => new ManagedCluster(c.name, clusterArgs(c), {
  provider: management,
  // Instance profiles and the static identity's Secret must exist before CAPA creates machines.
  dependsOn: [
    ...(namespaces.has(c.namespace ?? 'default') ? [namespaces.get(c.namespace ?? 'default')!] : []),
    ...(c.infrastructure.aws && iam ? [iam] : []),
    ...(settings.identityClusters.includes(c.name) && identity ? [identity] : []),
  ],
}));

/** Per cluster: namespace and the name of the kubeconfig Secret CAPI writes. No secrets. */
export const clusterInfo = Object.fromEntries(clusters.map((c, i) => [settings.clusters[i].name, {
  namespace: c.namespace,
  kubeconfigSecretName: c.kubeconfigSecretName,
}]));
/** Admin kubeconfigs of the clusters with `waitForReady: true`, as a secret output. */
export const kubeconfigs = pulumi.secret(pulumi.all(Object.fromEntries(clusters
  .map((c, i) => [settings.clusters[i].name, c.kubeconfig] as const)
  .filter(([name]) => settings.clusters.find(c => c.name === name)?.waitForReady))));
export const vpcId = network?.vpcId;
export const privateSubnetIds = network?.privateSubnetIds;
export const publicSubnetIds = network?.publicSubnetIds;
export const controllersRoleArn = iam?.controllersRoleArn;
export const identityRef = identity?.identityRef;
