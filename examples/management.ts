// A management cluster as code (dist/management/): Cluster API v1.14.0 through
// cluster-api-operator with the kubeadm, AWS, Dev (docker) and Helm (CAAPH) providers. CAPA's
// credentials come from HashiCorp Vault through external-secrets: a ClusterSecretStore that logs
// in with Vault's Kubernetes auth method, and an ExternalSecret that writes
// AWS_B64ENCODED_CREDENTIALS into the Secret the InfrastructureProvider reads. No credential is
// in Git. A workload cluster names the management cluster and is checked against it at synth.
import { App, Chart, YamlOutputType } from 'cdk8s';
import { ManagedCluster, ManagementCluster } from '../lib/cdk8s';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const chart = new Chart(app, 'management');
const mgmt = new ManagementCluster(chart, 'mgmt', {
  kubernetesVersion: 'v1.34.2',
  clusterApiVersion: 'v1.14.0',
  secretStores: [{
    name: 'vault',
    server: 'https://vault.example.com:8200',
    path: 'secret',
    kubernetesAuth: { role: 'capi-providers', serviceAccount: { name: 'external-secrets', namespace: 'external-secrets' } },
  }],
  providers: {
    core: { manager: { featureGates: { MachineTaintPropagation: true }, verbosity: 2 } },
    infrastructure: {
      aws: {
        version: 'v2.11.1',
        configSecret: {
          externalSecret: {
            storeName: 'vault',
            variables: [{ variable: 'AWS_B64ENCODED_CREDENTIALS', remoteKey: 'capi/aws', property: 'b64credentials' }],
          },
        },
      },
      docker: {},
    },
    addon: { helm: { version: 'v0.6.4' } },
  },
});

// Checked against the management cluster: Dev provider installed, gate on, v1.34 supported by v1.14.
const clusters = new Chart(app, 'dev-1');
new ManagedCluster(clusters, 'dev-1', {
  version: 'v1.34.2',
  infrastructure: { dev: {} },
  controlPlane: { replicas: 1 },
  workerPools: [{ name: 'md-0', replicas: 1, taints: [{ key: 'dedicated', value: 'ci', effect: 'NoSchedule' }], taintsViaMachineTaintPropagation: true }],
  managementCluster: mgmt,
});
app.synth();
