// An Azure (CAPZ) cluster and its AzureClusterIdentity, in one folder (dist/prod-weu-1/): the
// identity is namespaced and sits next to the clusters that use it. It is its own app, not part
// of the default `cdk8s synth` app, because it needs an Azure subscription and an app
// registration: `npx cdk8s synth --app 'npx ts-node examples/azure.ts'`.
import { App, YamlOutputType } from 'cdk8s';
import { AzureClusterIdentity, ClusterChart } from '../lib/cdk8s';
import { azureCluster } from './clusters';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const chart = new ClusterChart(app, 'prod-weu-1', azureCluster);
// Workload identity: CAPZ exchanges its service account token for the app's, so no secret exists.
new AzureClusterIdentity(chart, 'platform', {
  namespace: 'clusters',
  type: 'WorkloadIdentity',
  clientId: '8b1c6a4e-2f3d-4e5a-9b7c-1d2e3f4a5b6c',
  tenantId: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
  clusterNames: ['prod-weu-1'],
});
app.synth();
