// A consumer of the packed package, written as `cdk8s init typescript-app` would have it
// (tsconfig.json is the template's: module CommonJS, default moduleResolution = node10).
import { App, YamlOutputType } from 'cdk8s';
import { ClusterChart, WorkerPool } from 'capi-constructs/cdk8s';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const chart = new ClusterChart(app, 'dev-local', { version: 'v1.34.1', infrastructure: { dev: {} }, controlPlane: { replicas: 1 } });
new WorkerPool(chart.cluster, 'general', { replicas: 2 });
app.synth();
