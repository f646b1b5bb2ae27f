/**
 * A ClusterClass from the same specs as a fully rendered cluster. The class's templates are the
 * objects a cluster of the same spec would get, rendered by the same code (so both modes agree
 * on every field), then turned into templates: the infrastructure cluster into the provider's
 * cluster template, the KubeadmControlPlane into a KubeadmControlPlaneTemplate, the
 * MachineDeployments and health checks into the class's worker classes. Every template is
 * named after the hash of its spec and carries the prune-protection annotations, like a
 * cluster's machine templates: a change yields a new name the class points at, and the old
 * template survives prune while clusters still roll away from it.
 */
import { API, KINDS, LABELS, MANAGED_BY, Manifest, normalizeManifest, orderTopLevel, RETAIN_ANNOTATIONS } from '../../capi';
import { specHash } from '../../support/hash';
import { CapiValidationError, IssueSink, ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { closestName, isForbiddenKey } from '../../support/shape';
import { InfrastructureProvider, providerOf, registeredProviders } from '../provider';
import { CLUSTER_ROLES, renderValidatedCluster } from '../render/cluster';
import { DEFAULT_NAMESPACE } from '../render/context';
import { CONTROL_PLANE_ROLES } from '../render/control-plane';
import { poolRole } from '../render/worker-pool';
import { ManagedClusterSpec, WorkerPoolSpec } from '../spec';
import { validateClusterSpec } from '../validate/cluster';
import { checkLabels, checkName } from '../validate/_checks';
import { CAPI_V1_14_SUPPORTED_VERSIONS, isInWindow, KubernetesVersion, parseMinor } from '../versions';
import { checkSchemaDefinition, sampleValue, schemaAt, VariableSchema } from './schema';
import { ClusterClassJsonPatch, ClusterClassPatchDefinition, ClusterClassPatchTarget, ClusterClassReference, ClusterClassSpec, ClusterClassVariable } from './spec';

/** Roles of a class's objects, as its overrides and the engines name them. */
export const CLUSTER_CLASS_ROLES = {
  clusterClass: 'cluster-class',
  infrastructureCluster: CLUSTER_ROLES.infrastructureCluster,
  controlPlane: CONTROL_PLANE_ROLES.kubeadmControlPlane,
  controlPlaneMachineTemplate: CONTROL_PLANE_ROLES.machineTemplate,
} as const;

/** The result of rendering a class: its manifests (templates first, the ClusterClass last) and their roles. */
export interface RenderedClusterClass {
  readonly name: string;
  readonly namespace: string;
  readonly manifests: readonly Manifest[];
  readonly roles: readonly string[];
}

const TOP_LEVEL = ['name', 'namespace', 'labels', 'infrastructure', 'controlPlane', 'workerClasses', 'variables', 'patches', 'kubernetesVersions', 'supportedVersions', 'overrides'];
const PATCH_TARGETS: readonly ClusterClassPatchTarget[] = ['infrastructure-cluster', 'control-plane', 'control-plane/machine-template', 'workers/machine-template', 'workers/bootstrap-template'];

/**
 * Fields of a cluster's spec that each cluster of a class chooses in its topology: refused in a
 * class, with where they go instead.
 */
const PER_CLUSTER_POOL_FIELDS: Readonly<Record<string, string>> = {
  replicas: 'set topology.workers[].replicas in each cluster',
  autoscaling: 'set topology.workers[].autoscaling in each cluster',
  failureDomain: 'set topology.workers[].failureDomain in each cluster',
  failureDomains: 'list one topology worker per failure domain in each cluster',
  version: 'workers follow topology.version',
  names: 'the topology controller names the objects it creates',
  // MachineDeployment classes have no machine naming and no MachineTaintPropagation opt-in here.
  machineNaming: 'worker classes cannot set machine naming in this library yet',
  taintsViaMachineTaintPropagation: 'put taints in the bootstrap config (the default)',
};
const PER_CLUSTER_CP_FIELDS: Readonly<Record<string, string>> = {
  replicas: 'set topology.controlPlane.replicas in each cluster',
  names: 'the topology controller names the objects it creates',
};

/** Checks a class spec and returns every problem (empty when valid). */
export function validateClusterClass(spec: ClusterClassSpec): ValidationIssue[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return [{ path: '(spec)', message: 'the ClusterClass spec must be an object', value: spec }];
  const issues: ValidationIssue[] = [];
  const report: IssueSink = i => issues.push(i);
  for (const key of Object.keys(spec)) {
    if (!TOP_LEVEL.includes(key)) {
      const near = isForbiddenKey(key) ? undefined : closestName(key, TOP_LEVEL);
      report({ path: key, message: 'is not a field of a ClusterClass spec', allowed: TOP_LEVEL.join(', '), fix: near ? `did you mean ${near}?` : 'remove it' });
    }
  }
  checkName(report, 'name', spec.name, 'label', 'template names start with the class name');
  if (spec.namespace !== undefined) checkName(report, 'namespace', spec.namespace, 'label', 'namespaces are DNS-1123 labels');
  checkLabels(report, 'labels', spec.labels);
  const provider = providerOf(spec.infrastructure);
  if (provider && !provider.clusterTemplateKind) {
    report({
      path: `infrastructure.${provider.id}`, message: `the ${provider.id} provider cannot back a ClusterClass in this library: its cluster section renders per cluster`,
      allowed: registeredProviders().filter(p => p.clusterTemplateKind).map(p => p.id).join(', '), fix: 'render these clusters in full (ManagedCluster without topology)',
    });
  }
  for (const [key, why] of Object.entries(PER_CLUSTER_CP_FIELDS)) {
    if ((spec.controlPlane as Record<string, unknown> | undefined)?.[key] !== undefined) report({ path: `controlPlane.${key}`, message: 'is chosen by each cluster, not by the class', fix: why });
  }
  const workerClasses = Array.isArray(spec.workerClasses) ? spec.workerClasses : [];
  workerClasses.forEach((w, i) => {
    for (const [key, why] of Object.entries(PER_CLUSTER_POOL_FIELDS)) {
      if ((w as Record<string, unknown> | undefined)?.[key] !== undefined) report({ path: `workerClasses[${i}].${key}`, message: 'is chosen by each cluster, not by the class', fix: why });
    }
    if (w?.rollout?.after !== undefined) report({ path: `workerClasses[${i}].rollout.after`, message: 'a worker class has no rollout.after (CAPI v1beta2 MachineDeploymentClass)', fix: 'roll clusters with their own topology' });
  });
  if (spec.overrides !== undefined && Array.isArray(spec.overrides)) {
    spec.overrides.forEach((o, i) => {
      if (o?.target === CLUSTER_ROLES.cluster) report({ path: `overrides[${i}].target`, message: 'a class has no Cluster object', value: o.target, fix: 'override the Cluster in each topology cluster' });
    });
  }
  // Everything the class shares with a cluster is checked by the cluster's own rules.
  for (const issue of validateClusterSpec(syntheticCluster(spec))) {
    if (issue.path === 'version') continue; // the synthetic version is this module's, not the user's
    report({ ...issue, path: issue.path.replace(/^workerPools\[/, 'workerClasses[') });
  }
  const variables = checkVariables(spec, report);
  checkKubernetesVersions(spec, report);
  checkPatches(spec, variables, report);
  return issues;
}

/** Validates and renders a class. Throws one CapiValidationError listing every problem. */
export function renderClusterClass(spec: ClusterClassSpec): RenderedClusterClass {
  const issues = validateClusterClass(spec);
  if (issues.length > 0) throw new CapiValidationError(issues, `ClusterClass ${JSON.stringify(spec?.name)}`);
  return renderValidatedClusterClass(spec);
}

/** What a topology cluster needs to know of this class to be checked at synth time. */
export function clusterClassReference(spec: ClusterClassSpec): ClusterClassReference {
  return {
    name: spec.name,
    namespace: spec.namespace ?? DEFAULT_NAMESPACE,
    variables: spec.variables ?? [],
    workerClasses: (spec.workerClasses ?? []).map(w => w.name),
    kubernetesVersions: spec.kubernetesVersions,
  };
}

/** The templates of a class, keyed by role, as patches see them (before hashing into names). */
interface ClassTemplates {
  readonly provider: InfrastructureProvider;
  readonly byRole: Map<string, Manifest>;
}

function renderValidatedClusterClass(spec: ClusterClassSpec): RenderedClusterClass {
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const { provider, byRole, cluster } = renderTemplates(spec);
  const out: Manifest[] = [];
  const roles: string[] = [];
  const add = (role: string, m: Manifest) => { out.push(m); roles.push(role); return m; };
  const templateRef = (m: Manifest) => ({ apiVersion: m.apiVersion, kind: m.kind, name: m.metadata.name });

  const infra = add(CLUSTER_CLASS_ROLES.infrastructureCluster, byRole.get(CLUSTER_CLASS_ROLES.infrastructureCluster)!);
  const cpMachine = add(CLUSTER_CLASS_ROLES.controlPlaneMachineTemplate, byRole.get(CLUSTER_CLASS_ROLES.controlPlaneMachineTemplate)!);
  const kcpTemplate = add(CLUSTER_CLASS_ROLES.controlPlane, byRole.get(CLUSTER_CLASS_ROLES.controlPlane)!);
  const kcp = cluster.get(CONTROL_PLANE_ROLES.kubeadmControlPlane)!;
  const kcpSpec = kcp.spec as Record<string, any>;
  const cpHealth = cluster.get(CONTROL_PLANE_ROLES.healthCheck);

  const machineDeployments = (spec.workerClasses ?? []).map(w => {
    const machine = add(poolRole(w.name, 'machine-template'), byRole.get(poolRole(w.name, 'machine-template'))!);
    const bootstrap = add(poolRole(w.name, 'bootstrap-template'), byRole.get(poolRole(w.name, 'bootstrap-template'))!);
    const md = cluster.get(poolRole(w.name, 'machine-deployment'))!.spec as Record<string, any>;
    const health = cluster.get(poolRole(w.name, 'health-check'));
    const mdTemplate = md.template.spec as Record<string, any>;
    const deletion = { ...(mdTemplate.deletion ?? {}), ...(md.deletion ?? {}) };
    return {
      class: w.name,
      bootstrap: { templateRef: templateRef(bootstrap) },
      infrastructure: { templateRef: templateRef(machine) },
      metadata: nonEmpty({ labels: nonEmpty(syncedLabels(md.template.metadata?.labels)) }),
      deletion: nonEmpty(deletion),
      minReadySeconds: mdTemplate.minReadySeconds,
      rollout: md.rollout?.strategy ? { strategy: md.rollout.strategy } : undefined,
      healthCheck: health ? healthCheckClass(health) : undefined,
    };
  });

  const variables = (spec.variables ?? []).map(v => ({ name: v.name, required: v.required === true, schema: { openAPIV3Schema: v.schema } }));
  const patches = (spec.patches ?? []).map(p => ({
    name: p.name,
    description: p.description,
    enabledIf: p.enabledIf,
    definitions: p.definitions.map(d => {
      const targetKind = kindOfTarget(provider, d.target);
      return {
        selector: { apiVersion: targetKind.apiVersion, kind: targetKind.kind, matchResources: matchResources(d.target, d.workerClasses) },
        jsonPatches: d.jsonPatches.map(j => ({ op: j.op, path: j.path, value: j.value, valueFrom: j.valueFrom ? { variable: j.valueFrom.variable, template: j.valueFrom.template } : undefined })),
      };
    }),
  }));

  add(CLUSTER_CLASS_ROLES.clusterClass, orderTopLevel(normalizeManifest({
    apiVersion: API.cluster.version,
    kind: KINDS.clusterClass,
    metadata: { name: spec.name, namespace, labels: classLabels(spec) },
    spec: {
      infrastructure: { templateRef: templateRef(infra) },
      controlPlane: {
        templateRef: templateRef(kcpTemplate),
        machineInfrastructure: { templateRef: templateRef(cpMachine) },
        metadata: nonEmpty({ labels: nonEmpty(kcpSpec.machineTemplate?.metadata?.labels) }),
        deletion: kcpSpec.machineTemplate?.spec?.deletion,
        healthCheck: cpHealth ? healthCheckClass(cpHealth) : undefined,
      },
      workers: machineDeployments.length > 0 ? { machineDeployments } : undefined,
      variables: variables.length > 0 ? variables : undefined,
      patches: patches.length > 0 ? patches : undefined,
      kubernetesVersions: spec.kubernetesVersions?.length ? [...spec.kubernetesVersions] : undefined,
    },
  }) as Manifest));

  const problems: ValidationIssue[] = [];
  for (const m of out) {
    const problem = objectNameProblem(m.metadata.name, 'subdomain');
    if (problem) problems.push({ path: `(${m.kind} name)`, message: problem, value: m.metadata.name, fix: 'shorten the class or worker class name' });
  }
  if (problems.length > 0) throw new CapiValidationError(problems, `ClusterClass ${JSON.stringify(spec.name)}`);
  return { name: spec.name, namespace, manifests: out, roles };
}

/**
 * Renders the class's templates (named, labelled, retained) by rendering a cluster of the same
 * spec named after the class, and the cluster's other objects the class takes fields from.
 */
function renderTemplates(spec: ClusterClassSpec): ClassTemplates & { cluster: Map<string, Manifest> } {
  const rendered = renderValidatedCluster(syntheticCluster(spec));
  const cluster = new Map(rendered.roles.map((r, i) => [r, rendered.manifests[i]]));
  const provider = providerOf(spec.infrastructure)!;
  const byRole = new Map<string, Manifest>();
  const labels = classLabels(spec);
  const relabel = (m: Manifest, extra: Record<string, string> = {}): Manifest => orderTopLevel(normalizeManifest({
    ...m,
    metadata: { name: m.metadata.name, namespace: m.metadata.namespace, labels: { ...labels, ...extra }, annotations: { ...RETAIN_ANNOTATIONS } },
  }) as Manifest);
  const hashed = (apiVersion: string, kind: string, prefix: string, templateSpec: Record<string, unknown>): Manifest => {
    const body = normalizeManifest({ template: { spec: templateSpec } });
    return relabel({ apiVersion, kind, metadata: { name: `${prefix}-${specHash(body)}`, namespace: rendered.namespace }, spec: body });
  };
  const infra = cluster.get(CLUSTER_ROLES.infrastructureCluster)!;
  byRole.set(CLUSTER_CLASS_ROLES.infrastructureCluster, hashed(provider.apiVersion, provider.clusterTemplateKind!, spec.name, infra.spec as Record<string, unknown>));
  byRole.set(CLUSTER_CLASS_ROLES.controlPlaneMachineTemplate, relabel(cluster.get(CONTROL_PLANE_ROLES.machineTemplate)!));
  const { replicas: _r, version: _v, machineTemplate: _m, ...kcpTemplateSpec } = cluster.get(CONTROL_PLANE_ROLES.kubeadmControlPlane)!.spec as Record<string, unknown>;
  byRole.set(CLUSTER_CLASS_ROLES.controlPlane, hashed(API.controlPlane.version, KINDS.kubeadmControlPlaneTemplate, `${spec.name}-control-plane`, kcpTemplateSpec));
  for (const w of spec.workerClasses ?? []) {
    for (const object of ['machine-template', 'bootstrap-template'] as const) {
      byRole.set(poolRole(w.name, object), relabel(cluster.get(poolRole(w.name, object))!, { [LABELS.workerClass]: w.name }));
    }
  }
  return { provider, byRole, cluster };
}

/** A cluster spec with the class's parts, named after the class: what the class's templates are rendered from. */
function syntheticCluster(spec: ClusterClassSpec): ManagedClusterSpec {
  const window = spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS;
  const newest = parseMinor(window.newest) ?? parseMinor(CAPI_V1_14_SUPPORTED_VERSIONS.newest)!;
  const strip = (o: object | undefined, keys: Record<string, string>) => (o && typeof o === 'object' && !Array.isArray(o)
    ? Object.fromEntries(Object.entries(o).filter(([k]) => !(k in keys)))
    : o);
  return {
    name: spec.name,
    namespace: spec.namespace,
    labels: spec.labels,
    // Templates carry no version: any supported one renders them the same.
    version: `v${newest[0]}.${newest[1]}.0`,
    supportedVersions: spec.supportedVersions,
    infrastructure: spec.infrastructure,
    controlPlane: strip(spec.controlPlane, PER_CLUSTER_CP_FIELDS) as ManagedClusterSpec['controlPlane'],
    workerPools: Array.isArray(spec.workerClasses) ? spec.workerClasses.map(w => strip(w, PER_CLUSTER_POOL_FIELDS) as WorkerPoolSpec) : spec.workerClasses,
    overrides: spec.overrides,
  };
}

function classLabels(spec: ClusterClassSpec): Record<string, string> {
  return { ...(spec.labels ?? {}), [LABELS.clusterClass]: spec.name, [LABELS.managedBy]: MANAGED_BY };
}

/** Machine labels of a rendered MachineDeployment without the ones CAPI and this library set per cluster. */
function syncedLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const perCluster: string[] = [LABELS.clusterName, LABELS.deploymentName, LABELS.pool];
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !perCluster.includes(k)));
}

/** A MachineHealthCheck's checks and remediation: what a class's health check holds (the selector is the topology controller's). */
function healthCheckClass(mhc: Manifest): Record<string, unknown> {
  const s = mhc.spec as Record<string, unknown>;
  return { checks: s.checks, remediation: s.remediation };
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.values(o).some(v => v !== undefined) ? o : undefined;
}

function kindOfTarget(provider: InfrastructureProvider, target: ClusterClassPatchTarget): { apiVersion: string; kind: string } {
  switch (target) {
    case 'infrastructure-cluster': return { apiVersion: provider.apiVersion, kind: provider.clusterTemplateKind ?? provider.clusterKind };
    case 'control-plane': return { apiVersion: API.controlPlane.version, kind: KINDS.kubeadmControlPlaneTemplate };
    case 'workers/bootstrap-template': return { apiVersion: API.bootstrap.version, kind: KINDS.kubeadmConfigTemplate };
    default: return { apiVersion: provider.apiVersion, kind: provider.machineTemplateKind };
  }
}

function matchResources(target: ClusterClassPatchTarget, workerClasses: readonly string[] | undefined): Record<string, unknown> {
  if (target === 'infrastructure-cluster') return { infrastructureCluster: true };
  if (target === 'control-plane' || target === 'control-plane/machine-template') return { controlPlane: true };
  return { machineDeploymentClass: { names: [...(workerClasses ?? ['*'])] } };
}

// ---------------------------------------------------------------------------------------------
// Variables, versions and patches (CAPI v1.14.0 core/webhooks/admission/clusterclass.go,
// patch_validation.go, internal/topology/variables/clusterclass_variable_validation.go).

function checkVariables(spec: ClusterClassSpec, report: IssueSink): Map<string, ClusterClassVariable> {
  const known = new Map<string, ClusterClassVariable>();
  if (spec.variables === undefined) return known;
  if (!Array.isArray(spec.variables)) {
    report({ path: 'variables', message: 'must be a list of variables', fix: "e.g. [{ name: 'region', required: true, schema: { type: 'string' } }]" });
    return known;
  }
  spec.variables.forEach((v, i) => {
    const at = `variables[${i}]`;
    if (!v || typeof v !== 'object') {
      report({ path: at, message: 'must be a variable { name, required?, schema }', value: v });
      return;
    }
    for (const key of Object.keys(v)) {
      if (!['name', 'required', 'schema'].includes(key)) report({ path: `${at}.${key}`, message: 'is not a field of a variable', allowed: 'name, required, schema' });
    }
    if (typeof v.name !== 'string' || v.name.length === 0 || v.name.length > 256) report({ path: `${at}.name`, message: 'must be a name of 1 to 256 characters', value: v.name });
    else if (v.name === 'builtin') report({ path: `${at}.name`, message: '"builtin" is a reserved variable name', value: v.name, fix: 'choose another name' });
    else if (v.name.includes('.')) report({ path: `${at}.name`, message: 'variable name cannot contain "."', value: v.name });
    else if (isForbiddenKey(v.name)) report({ path: `${at}.name`, message: 'is not a usable variable name', value: v.name });
    else if (known.has(v.name)) report({ path: `${at}.name`, message: `variable name must be unique: "${v.name}" is defined more than once`, value: v.name });
    else known.set(v.name, v);
    if (v.required !== undefined && typeof v.required !== 'boolean') report({ path: `${at}.required`, message: 'must be true or false', value: v.required });
    checkSchemaDefinition(report, `${at}.schema`, v.schema);
  });
  return known;
}

function checkKubernetesVersions(spec: ClusterClassSpec, report: IssueSink): void {
  if (spec.kubernetesVersions === undefined) return;
  if (!Array.isArray(spec.kubernetesVersions) || spec.kubernetesVersions.length === 0) {
    report({ path: 'kubernetesVersions', message: 'must be a non-empty list of versions, oldest first', value: spec.kubernetesVersions });
    return;
  }
  const window = spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS;
  let previous: KubernetesVersion | undefined;
  spec.kubernetesVersions.forEach((text, i) => {
    const path = `kubernetesVersions[${i}]`;
    const v = typeof text === 'string' ? KubernetesVersion.tryParse(text) : undefined;
    if (!v) {
      report({ path, message: 'must be a full Kubernetes version', value: text, allowed: 'vX.Y.Z' });
      return;
    }
    if (!isInWindow(v, window)) report({ path, message: `Kubernetes ${v.minorVersion} is outside the supported window`, value: text, allowed: `${window.oldest} to ${window.newest}` });
    if (previous) {
      const order = (a: KubernetesVersion) => a.major * 1e6 + a.minor * 1e3 + a.patch;
      // clusterclass.go validateKubernetesVersions: ascending, and no minor skipped.
      if (order(v) <= order(previous)) report({ path, message: `version must be greater than ${previous.version}`, value: text });
      if (v.minor !== previous.minor && v.minor !== previous.minor + 1) report({ path, message: `expecting a version with minor ${previous.minor} or ${previous.minor + 1}`, value: text, fix: 'list every minor on the way: upgrades go through them' });
    }
    previous = v;
  });
}

/** Builtin variables patches may read (CAPI v1.14.0 core/webhooks/admission/patch_validation.go, builtinVariables). */
export const BUILTIN_VARIABLES: readonly string[] = [
  'builtin', 'builtin.cluster', 'builtin.cluster.name', 'builtin.cluster.namespace', 'builtin.cluster.uid', 'builtin.cluster.metadata.labels',
  'builtin.cluster.metadata.annotations', 'builtin.cluster.topology', 'builtin.cluster.topology.classRef.name', 'builtin.cluster.topology.classRef.namespace',
  'builtin.cluster.topology.class', 'builtin.cluster.topology.classNamespace', 'builtin.cluster.topology.version', 'builtin.cluster.network',
  'builtin.cluster.network.serviceDomain', 'builtin.cluster.network.services', 'builtin.cluster.network.pods', 'builtin.controlPlane', 'builtin.controlPlane.name',
  'builtin.controlPlane.replicas', 'builtin.controlPlane.version', 'builtin.controlPlane.metadata.labels', 'builtin.controlPlane.metadata.annotations',
  'builtin.controlPlane.machineTemplate.infrastructureRef.name', 'builtin.machineDeployment', 'builtin.machineDeployment.class', 'builtin.machineDeployment.name',
  'builtin.machineDeployment.replicas', 'builtin.machineDeployment.topologyName', 'builtin.machineDeployment.version', 'builtin.machineDeployment.metadata.labels',
  'builtin.machineDeployment.metadata.annotations', 'builtin.machineDeployment.bootstrap.configRef.name', 'builtin.machineDeployment.infrastructureRef.name',
];

function checkPatches(spec: ClusterClassSpec, variables: Map<string, ClusterClassVariable>, report: IssueSink): void {
  if (spec.patches === undefined) return;
  if (!Array.isArray(spec.patches)) {
    report({ path: 'patches', message: 'must be a list of patches' });
    return;
  }
  const workerNames = (Array.isArray(spec.workerClasses) ? spec.workerClasses : []).map(w => w?.name).filter((n): n is string => typeof n === 'string');
  // The templates the patches run against, rendered once (when the rest of the class renders).
  let templates: ClassTemplates | undefined;
  try {
    const backsClasses = providerOf(spec.infrastructure)?.clusterTemplateKind !== undefined;
    if (backsClasses && validateClusterSpec(syntheticCluster(spec)).filter(i => i.path !== 'version').length === 0) templates = renderTemplates(spec);
  } catch {
    templates = undefined; // reported by the class's own checks
  }
  const working = new Map<string, unknown>();
  const names = new Set<string>();
  spec.patches.forEach((p, i) => {
    const at = `patches[${i}]`;
    if (!p || typeof p !== 'object') {
      report({ path: at, message: 'must be a patch { name, definitions }', value: p });
      return;
    }
    for (const key of Object.keys(p)) {
      if (!['name', 'description', 'enabledIf', 'definitions'].includes(key)) report({ path: `${at}.${key}`, message: 'is not a field of a patch', allowed: 'name, description, enabledIf, definitions' });
    }
    if (typeof p.name !== 'string' || p.name.length === 0 || p.name.length > 256) report({ path: `${at}.name`, message: 'must be a name of 1 to 256 characters', value: p.name });
    else if (names.has(p.name)) report({ path: `${at}.name`, message: `patch names must be unique: "${p.name}" is used more than once`, value: p.name });
    else names.add(p.name);
    if (p.enabledIf !== undefined) checkGoTemplate(report, `${at}.enabledIf`, p.enabledIf, variables);
    if (!Array.isArray(p.definitions) || p.definitions.length === 0) {
      report({ path: `${at}.definitions`, message: 'a patch needs at least one definition', fix: "e.g. [{ target: 'workers/machine-template', jsonPatches: [...] }]" });
      return;
    }
    (p.definitions as readonly ClusterClassPatchDefinition[]).forEach((d, j) => {
      const dAt = `${at}.definitions[${j}]`;
      if (!d || typeof d !== 'object') {
        report({ path: dAt, message: 'must be a definition { target, workerClasses?, jsonPatches }', value: d });
        return;
      }
      for (const key of Object.keys(d)) {
        if (!['target', 'workerClasses', 'jsonPatches'].includes(key)) report({ path: `${dAt}.${key}`, message: 'is not a field of a patch definition', allowed: 'target, workerClasses, jsonPatches' });
      }
      if (!PATCH_TARGETS.includes(d.target)) {
        report({ path: `${dAt}.target`, message: 'is not a template of the class', value: d.target, allowed: PATCH_TARGETS.join(', ') });
        return;
      }
      const roles = targetRoles(report, dAt, d.target, d.workerClasses, workerNames);
      if (!Array.isArray(d.jsonPatches) || d.jsonPatches.length === 0) {
        report({ path: `${dAt}.jsonPatches`, message: 'a definition needs at least one JSON patch' });
        return;
      }
      (d.jsonPatches as readonly ClusterClassJsonPatch[]).forEach((jp, k) => {
        const jAt = `${dAt}.jsonPatches[${k}]`;
        if (!checkJsonPatch(report, jAt, jp, variables)) return;
        if (!templates) return;
        for (const role of roles) {
          if (!working.has(role)) working.set(role, JSON.parse(JSON.stringify(templates.byRole.get(role))));
          const problem = tryPatch(working.get(role), jp, variables);
          if (problem) {
            const m = templates.byRole.get(role)!;
            const worker = role.startsWith('pool/') ? ` of worker class ${role.split('/')[1]}` : '';
            report({ path: `${jAt}.path`, message: `cannot be applied to the ${m.kind}${worker}: ${problem}`, value: jp.path, fix: 'compare the path with the rendered template (after the patches before it)' });
          }
        }
      });
    });
  });
}

/** The roles of the templates a definition patches; reports worker selectors that match nothing. */
function targetRoles(report: IssueSink, at: string, target: ClusterClassPatchTarget, selectors: readonly string[] | undefined, workers: readonly string[]): string[] {
  if (!target.startsWith('workers/')) {
    if (selectors !== undefined) report({ path: `${at}.workerClasses`, message: `only a workers/... target selects worker classes`, fix: 'remove it' });
    return [target === 'infrastructure-cluster' ? CLUSTER_CLASS_ROLES.infrastructureCluster : target];
  }
  const object = target === 'workers/machine-template' ? 'machine-template' : 'bootstrap-template';
  const list = selectors ?? ['*'];
  if (!Array.isArray(list) || list.length === 0) {
    report({ path: `${at}.workerClasses`, message: 'must be a non-empty list of worker class names', fix: "use ['*'] for every worker class" });
    return [];
  }
  const matched = new Set<string>();
  list.forEach((sel, i) => {
    const path = `${at}.workerClasses[${i}]`;
    // patch_validation.go validateSelectorName: at most one "*", at the start or the end.
    if (typeof sel !== 'string' || sel.length === 0) return report({ path, message: 'must be a worker class name', value: sel });
    if ((sel.match(/\*/g) ?? []).length > 1) return report({ path, message: 'selector can at most contain a single "*" rune', value: sel });
    if (sel.includes('*') && !sel.startsWith('*') && !sel.endsWith('*')) return report({ path, message: '"*" rune can only appear at the beginning, or ending of the selector', value: sel });
    const hits = workers.filter(w => sel === '*' || w === sel || (sel.startsWith('*') && w.endsWith(sel.slice(1))) || (sel.endsWith('*') && w.startsWith(sel.slice(0, -1))));
    if (hits.length === 0) {
      const near = closestName(sel, workers);
      report({ path, message: 'matches no worker class of the class', value: sel, allowed: workers.join(', ') || '(no worker classes)', fix: near ? `did you mean ${near}?` : undefined });
    }
    hits.forEach(h => matched.add(h));
  });
  return workers.filter(w => matched.has(w)).map(w => poolRole(w, object));
}

/** Checks one JSON patch on its own (patch_validation.go validateJSONPatches); false when it cannot be tried on a template. */
function checkJsonPatch(report: IssueSink, at: string, jp: unknown, variables: Map<string, ClusterClassVariable>): boolean {
  if (!jp || typeof jp !== 'object' || Array.isArray(jp)) {
    report({ path: at, message: 'must be a JSON patch { op, path, value | valueFrom }', value: jp });
    return false;
  }
  const p = jp as Record<string, any>;
  let ok = true;
  const bad = (issue: ValidationIssue) => { ok = false; report(issue); };
  for (const key of Object.keys(p)) {
    if (!['op', 'path', 'value', 'valueFrom'].includes(key)) bad({ path: `${at}.${key}`, message: 'is not a field of a JSON patch', allowed: 'op, path, value, valueFrom' });
  }
  if (!['add', 'replace', 'remove'].includes(p.op)) bad({ path: `${at}.op`, message: 'is not a supported operation', value: p.op, allowed: 'add, replace, remove' });
  if (typeof p.path !== 'string' || !p.path.startsWith('/spec')) {
    bad({ path: `${at}.path`, message: 'jsonPatch path must start with "/spec"', value: p.path });
  } else {
    for (const part of p.path.split('/')) {
      if (!/^\d+$/.test(part)) continue;
      if (p.op === 'add' && part !== '0') bad({ path: `${at}.path`, message: 'arrays can only be accessed using "0" (prepend) or "-" (append)', value: p.path });
      if (p.op === 'replace' || p.op === 'remove') bad({ path: `${at}.path`, message: `elements in arrays can not be accessed in a ${p.op} operation`, value: p.path });
    }
  }
  if (p.op === 'add' || p.op === 'replace') {
    if (p.value === undefined && p.valueFrom === undefined) bad({ path: at, message: 'jsonPatch must define one of value or valueFrom' });
    if (p.value !== undefined && p.valueFrom !== undefined) bad({ path: at, message: 'jsonPatch can not define both value and valueFrom' });
  } else if (p.op === 'remove' && (p.value !== undefined || p.valueFrom !== undefined)) {
    bad({ path: at, message: 'a remove operation takes no value', fix: 'remove value and valueFrom' });
  }
  if (p.valueFrom !== undefined) {
    const vf = p.valueFrom;
    const vAt = `${at}.valueFrom`;
    if (!vf || typeof vf !== 'object') {
      bad({ path: vAt, message: 'must be { variable } or { template }' });
    } else {
      for (const key of Object.keys(vf)) if (!['variable', 'template'].includes(key)) bad({ path: `${vAt}.${key}`, message: 'is not a field of valueFrom', allowed: 'variable, template' });
      if (vf.variable === undefined && vf.template === undefined) bad({ path: vAt, message: 'valueFrom must set either template or variable' });
      if (vf.variable !== undefined && vf.template !== undefined) bad({ path: vAt, message: 'valueFrom can not set both template and variable' });
      if (vf.variable !== undefined) {
        const problem = variableProblem(vf.variable, variables);
        if (problem) bad({ path: `${vAt}.variable`, value: vf.variable, ...problem });
      }
      if (vf.template !== undefined) {
        const before = ok;
        checkGoTemplate(bad, `${vAt}.template`, vf.template, variables);
        ok = before && ok;
      }
    }
  }
  return ok;
}

/** Why a `valueFrom.variable` reference is wrong: an unknown builtin, an unknown variable, or a field its schema lacks. */
function variableProblem(ref: unknown, variables: Map<string, ClusterClassVariable>): Omit<ValidationIssue, 'path'> | undefined {
  if (typeof ref !== 'string' || ref.length === 0) return { message: 'must be a variable name' };
  if (ref.startsWith('builtin.') || ref === 'builtin') {
    return BUILTIN_VARIABLES.includes(ref) ? undefined : { message: 'not a defined builtin variable', fix: closestName(ref, BUILTIN_VARIABLES) ? `did you mean ${closestName(ref, BUILTIN_VARIABLES)}?` : undefined };
  }
  const [name, ...rest] = ref.split(/(?=\[)|\./).filter(s => s !== '');
  const v = variables.get(name);
  if (!v) {
    const near = closestName(name, [...variables.keys()]);
    return { message: `variable with name ${name} cannot be found`, allowed: [...variables.keys()].join(', ') || '(no variables)', fix: near ? `did you mean ${near}?` : 'define it in variables' };
  }
  if (rest.length > 0 && !schemaAt(v.schema, rest)) return { message: `the schema of variable ${name} has no field ${rest.join('.')}` };
  return undefined;
}

/** Light checks of a Go template: balanced actions, and variables it names exist. */
function checkGoTemplate(report: IssueSink, path: string, template: unknown, variables: Map<string, ClusterClassVariable>): void {
  if (typeof template !== 'string' || template.length === 0 || template.length > 10240) {
    report({ path, message: 'must be a Go template of 1 to 10240 characters', value: typeof template === 'string' ? undefined : template });
    return;
  }
  const opens = (template.match(/\{\{/g) ?? []).length;
  const closes = (template.match(/\}\}/g) ?? []).length;
  if (opens !== closes) report({ path, message: 'has unbalanced {{ and }}', value: template });
  for (const m of template.matchAll(/\{\{-?\s*(?:[a-z]+\s+)*\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
    const name = m[1];
    if (name !== 'builtin' && !variables.has(name)) {
      report({ path, message: `uses .${name}, which is not a variable of the class`, value: template, allowed: ['builtin', ...variables.keys()].join(', ') });
    }
  }
}

/** Applies one JSON patch to a template copy with a sample value; returns why it fails, or undefined. */
function tryPatch(doc: unknown, jp: { op: string; path: string; value?: unknown; valueFrom?: { variable?: string; template?: string } }, variables: Map<string, ClusterClassVariable>): string | undefined {
  const segments = jp.path.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: any = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    const here = `/${segments.slice(0, i + 1).join('/')}`;
    if (isForbiddenKey(seg)) return `${here} is not a field`;
    const next = Array.isArray(node) ? node[Number(seg)] : (node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, seg) ? node[seg] : undefined);
    if (next === undefined || next === null || typeof next !== 'object') {
      return `${here} does not exist in the template${jp.op === 'add' ? ' (a JSON patch add needs the parent to exist: add it first, as an object)' : ''}`;
    }
    node = next;
  }
  const last = segments[segments.length - 1];
  if (isForbiddenKey(last)) return `/${segments.join('/')} is not a field`;
  const exists = Array.isArray(node) ? /^\d+$/.test(last) && Number(last) < node.length : Object.prototype.hasOwnProperty.call(node, last);
  if ((jp.op === 'replace' || jp.op === 'remove') && !exists) return `${jp.path} does not exist in the template, so it cannot be ${jp.op === 'replace' ? 'replaced' : 'removed'}${jp.op === 'replace' ? ' (use op add)' : ''}`;
  const value = jp.value !== undefined ? jp.value : sample(jp.valueFrom, variables);
  if (jp.op === 'remove') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else if (Array.isArray(node)) {
    if (last === '-') node.push(value);
    else node.splice(Number(last), 0, value);
  } else {
    node[last] = JSON.parse(JSON.stringify(value ?? null));
  }
  return undefined;
}

function sample(valueFrom: { variable?: string; template?: string } | undefined, variables: Map<string, ClusterClassVariable>): unknown {
  if (!valueFrom?.variable) return 'sample';
  if (valueFrom.variable.startsWith('builtin')) return valueFrom.variable.endsWith('replicas') ? 1 : 'sample';
  const [name, ...rest] = valueFrom.variable.split(/(?=\[)|\./).filter(s => s !== '');
  const schema: VariableSchema | undefined = variables.get(name)?.schema;
  return sampleValue(schema && rest.length > 0 ? schemaAt(schema, rest) : schema);
}
