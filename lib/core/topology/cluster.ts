/**
 * A cluster in topology mode: one Cluster object with `spec.topology`, checked at synth time
 * against what is known of its class (variables, worker classes, versions), which Cluster API
 * checks only in its webhook (CAPI v1.14.0 core/webhooks/admission/cluster.go and
 * internal/topology/variables/cluster_variable_validation.go), after the change is merged.
 */
import { ANNOTATIONS, API, KINDS, LABELS, MANAGED_BY, Manifest, normalizeManifest, orderTopLevel } from '../../capi';
import { checkInteger } from '../../support/checks';
import { CapiValidationError, IssueSink, ValidationIssue } from '../../support/issues';
import { closestName, listOf, objectOf, shapeIssues } from '../../support/shape';
import { applyOverrides, overridePathProblem } from '../overrides';
import { renderClusterNetwork } from '../render/cluster';
import { DEFAULT_NAMESPACE } from '../render/context';
import { checkControlPlaneReplicas } from '../validate/control-plane';
import { checkAnnotations, checkCidrList, checkLabels, checkName, checkVersion } from '../validate/_checks';
import { CAPI_V1_14_SUPPORTED_VERSIONS, KubernetesVersion } from '../versions';
import { checkSchemaDefinition, validateValue } from './schema';
import { ClusterClassReference, ClusterClassVariable, TopologyClusterSpec } from './spec';

/** The result of rendering a topology cluster: the Cluster alone. */
export interface RenderedTopologyCluster {
  readonly name: string;
  readonly namespace: string;
  /** The class the cluster uses. */
  readonly className: string;
  readonly manifests: readonly Manifest[];
  readonly roles: readonly string[];
}

/**
 * True when a cluster spec is in topology mode: the management cluster then needs CAPI's
 * `ClusterTopology` feature gate (CAPI v1.14.0 cluster.go: "can be set only if the
 * ClusterTopology feature flag is enabled").
 */
export function usesClusterTopology(spec: unknown): spec is TopologyClusterSpec {
  return !!spec && typeof spec === 'object' && (spec as { topology?: unknown }).topology !== undefined;
}

/**
 * True when a set of manifests holds a ClusterClass or a Cluster with `spec.topology`: both need
 * CAPI's `ClusterTopology` feature gate (CAPI v1.14.0 core/webhooks/admission/clusterclass.go
 * refuses a ClusterClass without it, cluster.go a topology).
 */
export function needsClusterTopology(manifests: readonly Manifest[]): boolean {
  return manifests.some(m => m?.kind === KINDS.clusterClass || (m?.kind === KINDS.cluster && (m.spec as { topology?: unknown } | undefined)?.topology !== undefined));
}

const SHAPE = objectOf({
  name: 'string',
  namespace: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
  network: objectOf({ podCidrs: listOf('string'), serviceCidrs: listOf('string'), serviceDomain: 'string', apiServerPort: 'number' }),
  paused: 'boolean',
  supportedVersions: objectOf({ oldest: 'string', newest: 'string', source: 'string' }),
  topology: objectOf({
    class: 'any',
    classNamespace: 'string',
    version: 'any',
    controlPlane: objectOf({ replicas: 'number' }),
    workers: listOf(objectOf({
      class: 'string', name: 'string', replicas: 'number', autoscaling: objectOf({ min: 'number', max: 'number' }), failureDomain: 'string', variables: 'json',
    })),
    variables: 'json',
  }),
  overrides: listOf(objectOf({ target: 'string', path: 'any', value: 'json', remove: 'boolean' })),
});

/** The class reference of a topology (a bare name knows nothing of the class). */
export function topologyClassReference(spec: TopologyClusterSpec): ClusterClassReference {
  const c = spec.topology?.class;
  return typeof c === 'string' ? { name: c } : (c ?? { name: '' });
}

/** Checks a topology cluster and returns every problem (empty when valid). */
export function validateTopologyCluster(spec: TopologyClusterSpec): ValidationIssue[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return [{ path: '(spec)', message: 'the cluster spec must be an object', value: spec }];
  const shape = shapeIssues(spec, SHAPE);
  if (shape.length > 0) return shape;
  const issues: ValidationIssue[] = [];
  const report: IssueSink = i => issues.push(i);
  checkName(report, 'name', spec.name, 'label', 'the cluster name is copied into label values by CAPI');
  if (spec.namespace !== undefined) checkName(report, 'namespace', spec.namespace, 'label', 'namespaces are DNS-1123 labels');
  checkLabels(report, 'labels', spec.labels);
  checkAnnotations(report, 'annotations', spec.annotations);
  checkCidrList(report, 'network.podCidrs', spec.network?.podCidrs);
  checkCidrList(report, 'network.serviceCidrs', spec.network?.serviceCidrs);
  checkInteger(report, 'network.apiServerPort', spec.network?.apiServerPort, 1, 65535);

  const t = spec.topology;
  const ref = topologyClassReference(spec);
  checkClassReference(report, t.class, ref);
  if (t.classNamespace !== undefined) checkName(report, 'topology.classNamespace', t.classNamespace, 'label', 'namespaces are DNS-1123 labels');
  const version = checkVersion(report, 'topology.version', t.version, spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS);
  if (version && ref.kubernetesVersions && !ref.kubernetesVersions.includes(version.version)) {
    // cluster.go: "version must match one of the versions defined in the ClusterClass".
    report({ path: 'topology.version', message: `version must match one of the versions defined in the ClusterClass ${ref.name}`, value: version.version, allowed: ref.kubernetesVersions.join(', ') });
  }
  checkControlPlaneReplicas(report, 'topology.controlPlane.replicas', t.controlPlane?.replicas);

  const variables = knownVariables(ref);
  checkVariableValues(report, 'topology.variables', t.variables, variables, ref, true);

  const names = new Set<string>();
  (t.workers ?? []).forEach((w, i) => {
    const at = `topology.workers[${i}]`;
    if (ref.workerClasses && !ref.workerClasses.includes(w.class)) {
      const near = closestName(w.class ?? '', ref.workerClasses);
      report({ path: `${at}.class`, message: `is not a worker class of ClusterClass ${ref.name}`, value: w.class, allowed: ref.workerClasses.join(', ') || '(no worker classes)', fix: near ? `did you mean ${near}?` : undefined });
    } else if (typeof w.class !== 'string' || w.class.length === 0) {
      report({ path: `${at}.class`, message: 'must name a worker class', value: w.class });
    }
    checkName(report, `${at}.name`, w.name, 'label', 'CAPI names the MachineDeployment after it');
    if (typeof w.name === 'string') {
      if (names.has(w.name)) report({ path: `${at}.name`, message: 'names must be unique among the workers of a cluster', value: w.name });
      names.add(w.name);
    }
    checkInteger(report, `${at}.replicas`, w.replicas, 0);
    if (w.autoscaling) {
      if (w.replicas !== undefined) report({ path: `${at}.replicas`, message: 'cannot be set when autoscaling is set: cluster-autoscaler owns the count (CAPI\'s webhook refuses both)', value: w.replicas, fix: 'remove replicas' });
      checkInteger(report, `${at}.autoscaling.min`, w.autoscaling.min, 0);
      checkInteger(report, `${at}.autoscaling.max`, w.autoscaling.max, 1);
      if (w.autoscaling.min > w.autoscaling.max) report({ path: `${at}.autoscaling.min`, message: 'must not exceed autoscaling.max', value: w.autoscaling.min });
    }
    if (w.failureDomain !== undefined && w.failureDomain.trim().length === 0) report({ path: `${at}.failureDomain`, message: 'must be a non-empty string', value: w.failureDomain });
    checkVariableValues(report, `${at}.variables`, w.variables, variables, ref, false);
  });

  (spec.overrides ?? []).forEach((o, i) => {
    if (o.target !== 'cluster') {
      report({
        path: `overrides[${i}].target`, message: 'in topology mode only the Cluster is emitted, so `cluster` is the only override target', value: o.target, allowed: 'cluster',
        fix: 'change templates through a class variable and patch, or through the class\'s own overrides; replicas, failure domains and versions through spec.topology',
      });
    }
    const problem = overridePathProblem(o.path);
    if (problem) report({ path: `overrides[${i}].path`, message: problem, value: o.path });
  });
  return issues;
}

/** Validates and renders a topology cluster. Throws one CapiValidationError listing every problem. */
export function renderTopologyCluster(spec: TopologyClusterSpec): RenderedTopologyCluster {
  const issues = validateTopologyCluster(spec);
  if (issues.length > 0) throw new CapiValidationError(issues, `cluster ${JSON.stringify(spec?.name)}`);
  const t = spec.topology;
  const ref = topologyClassReference(spec);
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const classNamespace = t.classNamespace ?? ref.namespace;
  const workers = (t.workers ?? []).map(w => ({
    class: w.class,
    name: w.name,
    // Autoscaled: no replicas (CAPI's webhook defaults a new MachineDeployment to min size).
    replicas: w.autoscaling ? undefined : (w.replicas ?? 1),
    failureDomain: w.failureDomain,
    metadata: w.autoscaling ? { annotations: { [ANNOTATIONS.autoscalerMin]: String(w.autoscaling.min), [ANNOTATIONS.autoscalerMax]: String(w.autoscaling.max) } } : undefined,
    variables: w.variables && Object.keys(w.variables).length > 0 ? { overrides: variableList(w.variables) } : undefined,
  }));
  const draft = normalizeManifest({
    apiVersion: API.cluster.version,
    kind: KINDS.cluster,
    metadata: {
      name: spec.name,
      namespace,
      labels: { ...(spec.labels ?? {}), [LABELS.clusterName]: spec.name, [LABELS.clusterClass]: ref.name, [LABELS.managedBy]: MANAGED_BY },
      annotations: spec.annotations && Object.keys(spec.annotations).length > 0 ? { ...spec.annotations } : undefined,
    },
    spec: {
      clusterNetwork: renderClusterNetwork(spec.network),
      paused: spec.paused,
      topology: {
        // The CRD's classRef namespace defaults to the Cluster's: written only when it differs.
        classRef: { name: ref.name, namespace: classNamespace && classNamespace !== namespace ? classNamespace : undefined },
        version: KubernetesVersion.from(t.version).version,
        controlPlane: t.controlPlane?.replicas !== undefined ? { replicas: t.controlPlane.replicas } : undefined,
        workers: workers.length > 0 ? { machineDeployments: workers } : undefined,
        variables: t.variables && Object.keys(t.variables).length > 0 ? variableList(t.variables) : undefined,
      },
    },
  }) as Record<string, unknown>;
  const problems = applyOverrides(draft, 'cluster', spec.overrides ?? []);
  if (problems.length > 0) throw new CapiValidationError(problems, `cluster ${JSON.stringify(spec.name)}`);
  return { name: spec.name, namespace, className: ref.name, manifests: [orderTopLevel(normalizeManifest(draft) as Manifest)], roles: ['cluster'] };
}

function variableList(values: Readonly<Record<string, unknown>>): Array<{ name: string; value: unknown }> {
  return Object.keys(values).sort().map(name => ({ name, value: values[name] }));
}

function checkClassReference(report: IssueSink, given: unknown, ref: ClusterClassReference): void {
  if (typeof given !== 'string' && (!given || typeof given !== 'object' || Array.isArray(given))) {
    report({ path: 'topology.class', message: 'must be the class name or a ClusterClass reference { name, variables?, workerClasses?, ... }', value: given });
    return;
  }
  if (typeof given === 'object') {
    const allowed = ['name', 'namespace', 'variables', 'workerClasses', 'kubernetesVersions'];
    for (const key of Object.keys(given)) {
      if (!allowed.includes(key)) report({ path: `topology.class.${key}`, message: 'is not a field of a ClusterClass reference', allowed: allowed.join(', ') });
    }
  }
  checkName(report, typeof given === 'string' ? 'topology.class' : 'topology.class.name', ref.name, 'subdomain', 'ClusterClass names are DNS-1123 subdomains');
}

/** The class's variables whose schemas this library can check, by name; undefined when the class's variables are unknown. */
function knownVariables(ref: ClusterClassReference): Map<string, ClusterClassVariable | 'unchecked'> | undefined {
  if (!ref.variables) return undefined;
  const out = new Map<string, ClusterClassVariable | 'unchecked'>();
  for (const v of ref.variables) {
    // An external class may use schema features this library does not evaluate (CEL, oneOf):
    // its values are then left to the webhook rather than judged half-way.
    let supported = true;
    checkSchemaDefinition(() => { supported = false; }, 'schema', v.schema);
    out.set(v.name, supported ? v : 'unchecked');
  }
  return out;
}

function checkVariableValues(report: IssueSink, path: string, values: Readonly<Record<string, unknown>> | undefined, variables: Map<string, ClusterClassVariable | 'unchecked'> | undefined, ref: ClusterClassReference, topLevel: boolean): void {
  if (values !== undefined && (typeof values !== 'object' || Array.isArray(values) || values === null)) {
    report({ path, message: 'must be an object of variable values by name', fix: "e.g. { region: 'eu-west-1' }" });
    return;
  }
  if (!variables) return;
  for (const [name, value] of Object.entries(values ?? {})) {
    const v = variables.get(name);
    if (!v) {
      const near = closestName(name, [...variables.keys()]);
      report({ path: `${path}.${name}`, message: `is not a variable of ClusterClass ${ref.name}`, allowed: [...variables.keys()].join(', ') || '(no variables)', fix: near ? `did you mean ${near}?` : undefined });
    } else if (v !== 'unchecked') {
      validateValue(`${path}.${name}`, v.schema, value, report);
    }
  }
  if (!topLevel) return;
  for (const [name, v] of variables) {
    // Required variables the webhook cannot default (cluster_variable_validation.go: "required variable ... must be set").
    if (v !== 'unchecked' && v.required && v.schema.default === undefined && !Object.prototype.hasOwnProperty.call(values ?? {}, name)) {
      report({ path: `${path}.${name}`, message: `is required by ClusterClass ${ref.name}`, fix: `set topology.variables.${name}` });
    }
  }
}
