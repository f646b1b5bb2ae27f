// Runs index.ts under Pulumi's mocks (there is no Pulumi CLI or engine here) with the package's
// public harness, capi-constructs/pulumi/testing, and checks that the packed package registered
// the Cluster API objects of the ManagedCluster and of the WorkerPool. Exits non-zero on failure.
import { installMocks, registeredManifests, settle } from 'capi-constructs/pulumi/testing';

function fail(message: string): never {
  process.stderr.write(`pulumi-app: FAIL: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const registered = installMocks();
  // Only now load the program: resources register as its module body runs.
  require('./index');
  await settle(registered);
  const manifests = registeredManifests(registered);
  const names = (kind: string) => manifests.filter(m => m.kind === kind).map(m => m.metadata.name);
  console.log(`pulumi-app: ${registered.length} registrations; Clusters: ${names('Cluster').join(', ')}; MachineDeployments: ${names('MachineDeployment').join(', ')}`);
  if (!names('Cluster').includes('dev')) fail('the ManagedCluster registered no Cluster "dev"');
  if (!names('MachineDeployment').includes('dev-extra')) fail('the WorkerPool registered no MachineDeployment "dev-extra"');
  console.log('pulumi-app: OK');
}

main().then(() => process.exit(0), err => fail((err as Error)?.stack ?? String(err)));
