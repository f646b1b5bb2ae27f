// The fleet app: `npx ts-node examples/fleet.ts` (or `cdk8s synth --app 'npx ts-node examples/fleet.ts'`)
// synthesizes one folder per cluster into dist/ as any cdk8s app does, then writes the GitOps
// layout (one folder per management cluster and per cluster below it, a kustomization.yaml in
// each) into gitops/ (or FLEET_LAYOUT_DIR), which cdk8s synth itself cannot write.
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { writeLayout } from '../lib';
import { Fleet } from '../lib/cdk8s';
import { fleetClusters, fleetManagementClusters } from './fleet-clusters';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const fleet = new Fleet(app, 'fleet', { clusters: fleetClusters, managementClusters: fleetManagementClusters });
app.synth();
writeLayout(process.env.FLEET_LAYOUT_DIR ?? path.join(path.dirname(app.outdir), 'gitops'), fleet.layout({
  gitops: { kind: 'flux', repository: { url: 'https://github.com/example/fleet', path: 'gitops' } },
}));
