// A vSphere cluster (dist/onprem-1/) and the CAPV objects shared by the clusters of the vCenter,
// emitted once in a chart of their own (dist/vsphere-shared/): the identity whose Secret
// (username, password) is created outside Git, and two deployment zones. Not in the default app
// (examples/main.ts): it only makes sense against a real vCenter. Synthesize it with
// `npx cdk8s synth --app 'npx ts-node examples/vsphere.ts'`.
import { App, Chart, YamlOutputType } from 'cdk8s';
import { VSphereAllowedNamespaces } from '../lib';
import { ClusterChart, VSphereDeploymentZone, VSphereIdentity } from '../lib/cdk8s';
import { vsphereCluster } from './clusters';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const shared = new Chart(app, 'vsphere-shared');
new VSphereIdentity(shared, 'platform', {
  secretName: 'platform-vcenter-credentials',
  allowedNamespaces: VSphereAllowedNamespaces.names('clusters'),
  clusterNames: ['onprem-1'],
});
for (const [zone, computeCluster] of [['zone-a', 'cluster-a'], ['zone-b', 'cluster-b']]) {
  new VSphereDeploymentZone(shared, zone, {
    server: 'vcenter.example.com',
    region: { name: 'region-1', type: 'Datacenter', tagCategory: 'k8s-region' },
    zone: { name: zone, type: 'ComputeCluster', tagCategory: 'k8s-zone' },
    topology: { datacenter: 'dc-1', computeCluster, datastore: `${zone}-ds` },
    placementConstraint: { resourcePool: `${computeCluster}/Resources` },
    clusterNames: ['onprem-1'],
  });
}
new ClusterChart(app, 'onprem-1', vsphereCluster);
app.synth();
