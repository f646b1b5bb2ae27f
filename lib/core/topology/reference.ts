/**
 * A class defined outside this app (another team's, a provider's flavor), read from its YAML so
 * that the clusters that use it are still checked: its variables and their schemas, its worker
 * classes and its versions. Pure: the caller reads the file.
 */
import { CapiValidationError } from '../../support/issues';
import { readYamlDocuments } from '../../support/yaml-reader';
import { ClusterClassReference, ClusterClassVariable } from './spec';

/**
 * The reference of the ClusterClass named `name` (or the only one) in a YAML stream, e.g.
 * `readClusterClassReference(fs.readFileSync('platform/aws-standard.yaml', 'utf8'))`. Throws a
 * CapiValidationError when the stream holds no such ClusterClass or cannot be read.
 */
export function readClusterClassReference(yaml: string, name?: string): ClusterClassReference {
  const docs = readYamlDocuments(yaml);
  const failed = docs.find(d => d.error !== undefined);
  if (failed) throw new CapiValidationError([{ path: '(yaml)', message: `cannot be read: ${failed.error}` }], 'ClusterClass reference');
  const classes = docs.map(d => d.value as Record<string, any> | undefined)
    .filter(v => v && typeof v === 'object' && v.kind === 'ClusterClass' && typeof v.metadata?.name === 'string')
    .filter(v => name === undefined || v!.metadata.name === name) as Array<Record<string, any>>;
  if (classes.length !== 1) {
    throw new CapiValidationError([{
      path: '(yaml)', message: classes.length === 0 ? `holds no ClusterClass${name ? ` named ${name}` : ''}` : 'holds several ClusterClasses', fix: 'pass the name of the one to read',
    }], 'ClusterClass reference');
  }
  const c = classes[0];
  const spec = (c.spec && typeof c.spec === 'object' ? c.spec : {}) as Record<string, any>;
  const variables: ClusterClassVariable[] = (Array.isArray(spec.variables) ? spec.variables : [])
    .filter((v: any) => v && typeof v.name === 'string')
    .map((v: any) => ({ name: v.name, required: v.required === true, schema: v.schema?.openAPIV3Schema ?? {} }));
  const workers = Array.isArray(spec.workers?.machineDeployments) ? spec.workers.machineDeployments : [];
  return {
    name: c.metadata.name,
    namespace: typeof c.metadata.namespace === 'string' ? c.metadata.namespace : undefined,
    variables,
    workerClasses: workers.map((w: any) => w?.class).filter((x: unknown): x is string => typeof x === 'string'),
    kubernetesVersions: Array.isArray(spec.kubernetesVersions) ? spec.kubernetesVersions.filter((v: unknown) => typeof v === 'string') : undefined,
  };
}
