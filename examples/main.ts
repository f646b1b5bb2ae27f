// The default app of cdk8s.yaml: `npx cdk8s synth` renders one folder per cluster into dist/
// (or the folder given with `cdk8s synth --output`).
import { App, YamlOutputType } from 'cdk8s';
import { ClusterChart } from '../lib/cdk8s';
import { awsCluster, devCluster } from './clusters';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
new ClusterChart(app, 'dev-local', devCluster);
new ClusterChart(app, 'prod-eu-1', awsCluster);
app.synth();
