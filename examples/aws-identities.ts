// CAPA identities, emitted once in a chart of their own (dist/aws-identities/), shared by the
// clusters that reference them: a static identity whose Secret is created outside Git, and a
// role identity assumed with the static identity's credentials.
import { App, Chart, YamlOutputType } from 'cdk8s';
import { AllowedNamespaces } from '../lib';
import { AwsRoleIdentity, AwsStaticIdentity } from '../lib/cdk8s';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
const identities = new Chart(app, 'aws-identities');
const platform = new AwsStaticIdentity(identities, 'platform', {
  secretName: 'platform-credentials',
  allowedNamespaces: AllowedNamespaces.names('clusters'),
  clusterNames: ['prod-eu-1'],
});
new AwsRoleIdentity(identities, 'tenant-a', {
  roleArn: 'arn:aws:iam::123456789012:role/capa-tenant-a',
  sourceIdentityRef: platform.identityRef,
  allowedNamespaces: AllowedNamespaces.names('tenant-a'),
});
app.synth();
