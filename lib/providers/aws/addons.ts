/**
 * The add-ons every AWS cluster gets unless it opts out: the AWS cloud controller manager
 * (without it nodes keep the `node.cloudprovider.kubernetes.io/uninitialized` taint and get no
 * providerID, so Machines never get a nodeRef) and the EBS CSI driver (CAPA's default flavor
 * installs both, templates/cluster-template.yaml with its `ccm: external` / `csi: external`
 * ClusterResourceSets). Version tables are data: one row per Kubernetes minor, each with its source.
 */
import { ProviderAddons } from '../../core/provider';

// kubernetes/cloud-provider-aws docs/README.md "Compatibility with Kubernetes": a release is
// compatible ONLY with the Kubernetes minor of the same number, so the CCM image follows the
// minor. The chart (charts/aws-cloud-controller-manager, tag
// helm-chart-aws-cloud-controller-manager-0.0.11, appVersion v1.35.0) takes the image as
// `image.tag`; every row uses that newest chart with the newest CCM release of its minor (tags).
const CCM_SOURCE = (tag: string) => `kubernetes/cloud-provider-aws tag ${tag} (docs/README.md "Compatibility with Kubernetes"); chart tag helm-chart-aws-cloud-controller-manager-0.0.11`;
const CCM_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['v1.31', 'v1.31.9'], ['v1.32', 'v1.32.8'], ['v1.33', 'v1.33.4'], ['v1.34', 'v1.34.3'], ['v1.35', 'v1.35.2'], ['v1.36', 'v1.36.1'],
];

// kubernetes-sigs/aws-ebs-csi-driver README.md "Compatibility": the driver supports every
// Kubernetes version the Kubernetes project or Amazon EKS (extended support included) supports,
// so one chart serves the whole window: tag helm-chart-aws-ebs-csi-driver-2.64.0 (appVersion 1.64.0).
const CSI_SOURCE = 'kubernetes-sigs/aws-ebs-csi-driver tag helm-chart-aws-ebs-csi-driver-2.64.0, charts/aws-ebs-csi-driver/Chart.yaml; README.md "Compatibility"';

export const awsAddons: ProviderAddons = {
  defaults: [
    { name: 'cloud-controller-manager', kind: 'cloud-controller-manager' },
    { name: 'csi', kind: 'csi' },
  ],
  cloudControllerManager: {
    repository: 'https://kubernetes.github.io/cloud-provider-aws',
    chart: 'aws-cloud-controller-manager',
    namespace: 'kube-system',
    // As CAPA's CCM add-on (cluster-api-provider-aws v2.11.1 test/e2e/data/infrastructure-aws/
    // withoutclusterclass/kustomize_sources/addons/ccm/data/aws-ccm-external.yaml): host network,
    // because the CCM must run before any pod network exists, and these flags.
    values: {
      args: ['--v=2', '--cloud-provider=aws', '--use-service-account-credentials=true', '--configure-cloud-routes=false'],
      hostNetworking: true,
    },
    appVersionValue: 'image.tag',
    versions: CCM_ROWS.map(([kubernetes, appVersion]) => ({ kubernetes, version: '0.0.11', appVersion, source: CCM_SOURCE(appVersion) })),
  },
  csi: {
    repository: 'https://kubernetes-sigs.github.io/aws-ebs-csi-driver',
    chart: 'aws-ebs-csi-driver',
    namespace: 'kube-system',
    // The controller runs on control-plane machines: clusterawsadm puts the EBS policy on the
    // control-plane role (cluster-api-provider-aws v2.11.1
    // cmd/clusterawsadm/cloudformation/bootstrap/csi.go csiControlPlaneAwsRoles(), when
    // spec.controlPlane.enableCSIPolicy is set).
    values: {
      controller: {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }],
      },
    },
    versions: ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35', 'v1.36'].map(kubernetes => ({ kubernetes, version: '2.64.0', source: CSI_SOURCE })),
  },
};
