/** Validation of a whole cluster spec: the entry point that runs every other check. */
import { Cidr, cidrsOverlap, parseCidr } from '../../support/cidr';
import { checkInteger } from '../../support/checks';
import { IssueSink, ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { overridePathProblem } from '../overrides';
import { providerOf, registeredProviders } from '../provider';
import { checkClusterShape, clusterShapeIssues } from '../shape';
import { ControlPlaneSpec, DEFAULT_POD_CIDRS, DEFAULT_SERVICE_CIDRS, ManagedClusterSpec, WorkerPoolSpec } from '../spec';
import { CAPI_V1_14_SUPPORTED_VERSIONS, parseMinor } from '../versions';
import { checkAnnotations, checkCidrList, checkLabels, checkName, checkVersion } from './_checks';
import { validateAddons } from './addons';
import { validateControlPlane } from './control-plane';
import { poolDeployments } from '../pool-spread';
import { validateWorkerPool } from './worker-pool';

/** The longest pool name that keeps `<cluster>-<pool>` a valid label value (CAPI labels machines with it). */
const NAME_LABEL_MAX = 63;

/** Checks a whole cluster spec and returns every problem found (empty when valid). */
export function validateClusterSpec(spec: ManagedClusterSpec): ValidationIssue[] {
  if (!spec || typeof spec !== 'object') {
    return [{ path: '(spec)', message: 'the cluster spec must be an object', value: spec }];
  }
  // The rule checks assume the JSON shape the types promise; JavaScript callers, YAML
  // inventories and stack config can break it. A spec of the right shape (the common case) is
  // checked once; otherwise the rules run on the spec without its ill-shaped parts, so every
  // problem is reported at once, leaving out rule problems about the parts already reported.
  const wrongShape = clusterShapeIssues(spec);
  if (wrongShape.length === 0) return ruleIssues(spec);
  const { issues, cleaned } = checkClusterShape(spec);
  // Nothing of the right shape is left (a list, a class instance): the shape issue says it all.
  if (!cleaned || typeof cleaned !== 'object') return issues;
  const under = (rule: string, shape: string) => rule === shape || rule.startsWith(`${shape}.`) || rule.startsWith(`${shape}[`);
  return [...issues, ...ruleIssues(cleaned).filter(r => !issues.some(i => under(r.path, i.path)))];
}

/** The rule checks, on a spec of the right shape. */
function ruleIssues(spec: ManagedClusterSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (prefix: string): IssueSink => issue => issues.push({ ...issue, path: prefix ? `${prefix}.${issue.path}` : issue.path });
  const root = at('');

  checkName(root, 'name', spec.name, 'label', 'the cluster name is copied into label values by CAPI');
  if (spec.namespace !== undefined) checkName(root, 'namespace', spec.namespace, 'label', 'namespaces are DNS-1123 labels');
  checkLabels(root, 'labels', spec.labels);
  checkAnnotations(root, 'annotations', spec.annotations);

  // Versions.
  const window = spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS;
  if (spec.supportedVersions) {
    for (const key of ['oldest', 'newest'] as const) {
      if (!parseMinor(spec.supportedVersions[key])) {
        root({ path: `supportedVersions.${key}`, message: 'must be a minor version like v1.31', value: spec.supportedVersions[key] });
      }
    }
  }
  const cpVersion = checkVersion(root, 'version', spec.version, window);

  // Network.
  const net = spec.network ?? {};
  // The defaults are checked like explicit values: a VPC may well be 192.168.0.0/16.
  const pods = withDefault(checkCidrList(root, 'network.podCidrs', net.podCidrs), net.podCidrs, DEFAULT_POD_CIDRS, 'network.podCidrs', 'pod');
  const services = withDefault(checkCidrList(root, 'network.serviceCidrs', net.serviceCidrs), net.serviceCidrs, DEFAULT_SERVICE_CIDRS, 'network.serviceCidrs', 'service');
  for (const p of pods) {
    for (const s of services) {
      if (cidrsOverlap(p.cidr, s.cidr)) {
        root({ path: s.path, message: `${s.label || 'the service network '}overlaps ${p.label ? p.label.trim() : `the pod network ${p.cidr.text}`}`, value: s.label ? undefined : s.cidr.text, fix: `choose non-overlapping blocks (defaults: pods ${DEFAULT_POD_CIDRS[0]}, services ${DEFAULT_SERVICE_CIDRS[0]})` });
      }
    }
  }
  if (net.serviceDomain !== undefined && (typeof net.serviceDomain !== 'string' || objectNameProblem(net.serviceDomain, 'subdomain'))) {
    root({ path: 'network.serviceDomain', message: 'must be a DNS domain', value: net.serviceDomain, allowed: 'e.g. cluster.local' });
  }
  checkInteger(root, 'network.apiServerPort', net.apiServerPort, 1, 65535);

  // Provider.
  const infra = (spec.infrastructure ?? {}) as Record<string, unknown>;
  const sections = Object.keys(infra).filter(k => infra[k] !== undefined);
  const known = registeredProviders().map(p => p.id);
  const provider = providerOf(infra);
  if (!provider) {
    root({
      path: 'infrastructure', message: sections.length === 0 ? 'no infrastructure provider is set' : `exactly one provider section must be set, got ${sections.join(', ')}`,
      allowed: known.join(', '), fix: `set exactly one of ${known.map(k => `infrastructure.${k}`).join(', ')}`,
    });
  } else {
    const section = infra[provider.id];
    provider.validateCluster(section, at(`infrastructure.${provider.id}`));
    provider.validateClusterNetwork?.(section, [...pods, ...services].filter(b => !b.label).map(b => ({ path: b.path, cidr: b.cidr.text, family: b.cidr.family })), root);
    for (const network of provider.nodeNetworks?.(section) ?? []) {
      const cidr = parseCidr(network.cidr);
      if (!cidr) continue;
      for (const p of [...pods, ...services]) {
        if (cidrsOverlap(cidr, p.cidr)) {
          root({
            path: p.path, message: `${p.label}overlaps ${network.description} ${cidr.text}: pods or services would be unreachable from parts of the network`,
            value: p.label ? undefined : p.cidr.text, fix: `${p.label ? `set ${p.path} to` : 'choose'} blocks outside ${network.description} CIDR`,
          });
        }
      }
    }
  }
  const providerId = provider?.id;

  // Control plane.
  const cp: ControlPlaneSpec = spec.controlPlane ?? {};
  validateControlPlane(at('controlPlane'), cp, providerId);

  // Worker pools.
  const pools = spec.workerPools ?? [];
  const seen = new Map<string, number>();
  const mdNames = new Map<string, { pool: number; what: string }>();
  pools.forEach((pool, i) => {
    const report = at(`workerPools[${i}]`);
    if (seen.has(pool?.name)) {
      report({ path: 'name', message: `duplicate pool name (also workerPools[${seen.get(pool.name)}])`, value: pool.name, fix: 'give every pool its own name' });
    } else if (pool) {
      seen.set(pool.name, i);
      if (typeof spec.name === 'string' && typeof pool.name === 'string') checkDeploymentNames(report, spec.name, pool, i, mdNames);
    }
    validateWorkerPool(report, pool, providerId, cpVersion, window);
    if (provider?.failureDomainProblem && pool) {
      const domains = typeof pool.failureDomain === 'string' ? [{ path: 'failureDomain', name: pool.failureDomain }]
        : (pool.failureDomains ?? []).map((name, j) => ({ path: `failureDomains[${j}]`, name }));
      for (const d of domains) {
        const problem = typeof d.name === 'string' ? provider.failureDomainProblem(infra[provider.id], d.name) : undefined;
        if (problem) report({ path: d.path, value: d.name, ...problem });
      }
    }
  });

  validateAddons(root, spec, provider, cpVersion?.minorVersion);

  for (const [i, o] of (spec.overrides ?? []).entries()) {
    if (!o || typeof o.target !== 'string') root({ path: `overrides[${i}].target`, message: 'must name the object to change', value: o?.target });
    const problem = overridePathProblem(o?.path);
    if (problem) root({ path: `overrides[${i}].path`, message: problem, value: o?.path });
  }
  return issues;
}

/**
 * The blocks given, or the defaults when none were given; `label` names a default in messages
 * (`the default pod network 192.168.0.0/16 `) and is empty for given blocks.
 */
function withDefault(found: Array<{ path: string; cidr: Cidr }>, given: unknown, defaults: readonly string[], path: string, what: string): Array<{ path: string; cidr: Cidr; label: string }> {
  if (given !== undefined) return found.map(f => ({ ...f, label: '' }));
  return defaults.map(text => ({ path, cidr: parseCidr(text)!, label: `the default ${what} network ${text} ` }));
}

/**
 * The MachineDeployment names of one pool: within a label value (CAPI copies them into the
 * `cluster.x-k8s.io/deployment-name` label of every Machine) and not used by another pool
 * (`<cluster>-a` spread over `b` and a pool `a-b` would both be `<cluster>-a-b`).
 */
function checkDeploymentNames(report: IssueSink, cluster: string, pool: WorkerPoolSpec, index: number, taken: Map<string, { pool: number; what: string }>): void {
  for (const d of poolDeployments(cluster, pool)) {
    const where = d.domain === undefined ? 'name' : `failureDomains[${pool.failureDomains!.indexOf(d.domain)}]`;
    const pinned = d.domain === undefined ? pool.names?.machineDeployment !== undefined : pool.names?.machineDeployments?.[d.domain] !== undefined;
    if (!pinned && d.name.length > NAME_LABEL_MAX) {
      const over = d.name.length - NAME_LABEL_MAX;
      report({
        path: where, message: `the MachineDeployment name "${d.name}" has ${d.name.length} characters; CAPI copies it into a label value, at most ${NAME_LABEL_MAX}`, value: d.domain ?? pool.name,
        fix: d.domain === undefined ? `shorten the cluster or pool name by ${over} characters, or pin names.machineDeployment` : `shorten the cluster or pool name by ${over} characters, or pin names.machineDeployments[${JSON.stringify(d.domain)}]`,
      });
    }
    const other = taken.get(d.name);
    // Within one pool only a duplicate domain repeats a name, and that is reported already.
    if (other === undefined) taken.set(d.name, { pool: index, what: d.domain === undefined ? `workerPools[${index}]` : `workerPools[${index}] in ${d.domain}` });
    else if (other.pool !== index) report({ path: where, message: `the MachineDeployment name "${d.name}" is also the MachineDeployment of ${other.what}`, value: d.domain ?? pool.name, fix: 'rename one of the pools, or pin a name' });
  }
}
