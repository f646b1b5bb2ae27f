/**
 * Writes the manifests of 200 random valid cluster specs (fast-check, fixed seed: the same
 * files on every run) as YAML, one file per cluster with its add-on objects, into the directory given as argument:
 *
 *   npx ts-node --transpile-only scripts/corpus.ts <dir> [count]
 *
 * `npm run conformance` validates them with the shared validator (`--refs-are-errors`): every
 * spec the core accepts must render manifests the management cluster accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { clusterAddonObjects, Manifest, renderAzureClusterIdentity, renderManagedCluster, toYaml } from '../lib';
import { SEED, validClusterSpec } from '../tools/arbitraries';

export const CORPUS_SIZE = 200;

export function writeCorpus(dir: string, count = CORPUS_SIZE): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const specs = fc.sample(validClusterSpec, { seed: SEED, numRuns: count });
  return specs.map((spec, i) => {
    // A namespace per spec: two random specs may share a cluster name, and the validator
    // resolves references across all files.
    const unique = { ...spec, namespace: `corpus-${String(i).padStart(3, '0')}` };
    const rendered = renderManagedCluster(unique);
    const file = path.join(dir, `${String(i).padStart(3, '0')}-${rendered.name}.yaml`);
    // With the add-on objects the cluster needs (its own namespace: no other cluster shares them)
    // and the Azure identity it references.
    fs.writeFileSync(file, toYaml([...rendered.manifests, ...clusterAddonObjects(unique), ...azureIdentityOf(unique)]));
    return file;
  });
}

/** The AzureClusterIdentity an Azure cluster's identityRef names, which the validator resolves in its namespace. */
function azureIdentityOf(spec: { namespace: string; infrastructure: { azure?: { identity: { name: string } } } }): Manifest[] {
  const azure = spec.infrastructure.azure;
  if (!azure) return [];
  const ids = { clientId: '11111111-2222-4333-8444-555555555555', tenantId: '66666666-7777-4888-9999-000000000000' };
  return [renderAzureClusterIdentity({ name: azure.identity.name, namespace: spec.namespace, type: 'WorkloadIdentity', ...ids })];
}

if (require.main === module) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: corpus.ts <output-dir> [count]');
    process.exit(2);
  }
  const files = writeCorpus(dir, count ? Number(count) : CORPUS_SIZE);
  console.log(`wrote ${files.length} cluster files to ${dir} (seed ${SEED})`);
}
