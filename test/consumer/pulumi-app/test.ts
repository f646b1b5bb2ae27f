// Runs index.ts under Pulumi's mocks (there is no Pulumi CLI or engine here) and checks that the
// packed package registered the Cluster API objects. Self-contained on purpose: it uses only the
// public @pulumi/pulumi API. Run with `npx ts-node test.ts`; exits non-zero on failure.
import * as pulumi from '@pulumi/pulumi';

const CLUSTER = 'kubernetes:cluster.x-k8s.io/v1beta2:Cluster';
const MACHINE_DEPLOYMENT = 'kubernetes:cluster.x-k8s.io/v1beta2:MachineDeployment';

const registered: { type: string; name: string }[] = [];

function fail(message: string): never {
  process.stderr.write(`pulumi-app: FAIL: ${message}\n`);
  process.exit(1);
}

process.on('unhandledRejection', err => fail(`unhandled rejection: ${(err as Error)?.stack ?? err}`));

/** Resolves with the value of `output` (an Output of a resource registered under the mocks). */
function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise(resolve => output.apply(v => { resolve(v); return v; }));
}

async function main(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: a => {
        registered.push({ type: a.type, name: a.name });
        return { id: a.name + '-id', state: a.inputs };
      },
      call: a => a.inputs,
    },
    'consumer',
    'test',
    false,
  );

  // Only now load the program: resources register as its module body runs.
   
  const program = require('./index') as typeof import('./index');
  const timeout = setTimeout(() => fail('timed out waiting for the resources to register'), 30_000);
  await Promise.all([resolved(program.cluster.urn), resolved(program.extra.urn)]);
  // Registration under mocks is asynchronous: wait until the count stops changing.
  for (let last = -1, stable = 0; stable < 5; ) {
    await new Promise(r => setTimeout(r, 20));
    stable = registered.length === last ? stable + 1 : 0;
    last = registered.length;
  }
  clearTimeout(timeout);

  const count = (type: string) => registered.filter(r => r.type === type).length;
  const clusters = count(CLUSTER);
  const machineDeployments = count(MACHINE_DEPLOYMENT);
  const extraPools = registered.filter(r => r.type === MACHINE_DEPLOYMENT && r.name.includes('extra')).length;
  console.log(`pulumi-app: ${registered.length} registrations, ${clusters} ${CLUSTER}, ${machineDeployments} ${MACHINE_DEPLOYMENT}`);
  if (clusters < 1) fail(`no ${CLUSTER} registered; got types: ${[...new Set(registered.map(r => r.type))].join(', ')}`);
  if (machineDeployments < 1) fail(`no ${MACHINE_DEPLOYMENT} registered; got types: ${[...new Set(registered.map(r => r.type))].join(', ')}`);
  if (extraPools < 1) fail(`no ${MACHINE_DEPLOYMENT} for the WorkerPool 'extra'; got: ${registered.filter(r => r.type === MACHINE_DEPLOYMENT).map(r => r.name).join(', ')}`);
  console.log('pulumi-app: OK');
}

main().then(() => process.exit(0), err => fail((err as Error)?.stack ?? String(err)));
