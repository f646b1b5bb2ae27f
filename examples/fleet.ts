// The fleet app: the example inventory (examples/inventory/) in cdk8s.
// `npx cdk8s synth --app 'npx ts-node --transpile-only examples/fleet.ts'` writes one folder per cluster into dist/, as
// any cdk8s app does, then the GitOps layout (a folder per management cluster and per cluster
// below it, a kustomization.yaml in each, Flux Kustomizations in <management>/gitops/) into
// gitops/ beside dist/ (or FLEET_LAYOUT_DIR): cdk8s synth itself cannot write nested folders or
// files named kustomization.yaml. `capi-constructs fleet render` writes the same layout.
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { assertValidFleet, managementClusterInputs, readInventoryPath, resolveInventoryFiles, writeLayout } from '../lib';
import { Fleet } from '../lib/cdk8s';

const inventory = path.join(__dirname, 'inventory');
const files = readInventoryPath(inventory).map(f => ({ path: path.relative(process.cwd(), f.path), content: f.content }));
const fleet = assertValidFleet(resolveInventoryFiles(files));

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const construct = new Fleet(app, 'fleet', { clusters: fleet.clusters, managementClusters: managementClusterInputs(fleet) });
app.synth();
writeLayout(process.env.FLEET_LAYOUT_DIR ?? path.join(path.dirname(app.outdir), 'gitops'), construct.layout({
  gitops: { kind: 'flux', repository: { url: 'https://github.com/example/fleet', path: 'gitops' } },
}));
