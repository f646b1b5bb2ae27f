/** Validation of a whole cluster spec: the entry point that runs every other check. */
import { cidrsOverlap, parseCidr } from '../../support/cidr';
import { checkInteger } from '../../support/checks';
import { IssueSink, ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { parsePath } from '../overrides';
import { providerOf, registeredProviders } from '../provider';
import { checkClusterShape, clusterShapeIssues } from '../shape';
import { ControlPlaneSpec, ManagedClusterSpec } from '../spec';
import { CAPI_V1_14_SUPPORTED_VERSIONS, parseMinor } from '../versions';
import { checkAnnotations, checkCidrList, checkLabels, checkName, checkVersion } from './_checks';
import { validateControlPlane } from './control-plane';
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
  const pods = checkCidrList(root, 'network.podCidrs', net.podCidrs);
  const services = checkCidrList(root, 'network.serviceCidrs', net.serviceCidrs);
  for (const p of pods) {
    for (const s of services) {
      if (cidrsOverlap(p.cidr, s.cidr)) {
        root({ path: s.path, message: `the service network overlaps the pod network ${p.cidr.text}`, value: s.cidr.text, fix: 'choose non-overlapping blocks (defaults: pods 192.168.0.0/16, services 10.128.0.0/12)' });
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
    provider.validateClusterNetwork?.(section, [...pods, ...services].map(b => ({ path: b.path, cidr: b.cidr.text, family: b.cidr.family })), root);
    for (const network of provider.nodeNetworks?.(section) ?? []) {
      const cidr = parseCidr(network.cidr);
      if (!cidr) continue;
      for (const p of [...pods, ...services]) {
        if (cidrsOverlap(cidr, p.cidr)) {
          root({ path: p.path, message: `overlaps ${network.description} ${cidr.text}: pods or services would be unreachable from parts of the network`, value: p.cidr.text, fix: `choose blocks outside ${network.description} CIDR` });
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
  pools.forEach((pool, i) => {
    const report = at(`workerPools[${i}]`);
    if (seen.has(pool?.name)) {
      report({ path: 'name', message: `duplicate pool name (also workerPools[${seen.get(pool.name)}])`, value: pool.name, fix: 'give every pool its own name' });
    } else if (pool) {
      seen.set(pool.name, i);
    }
    validateWorkerPool(report, pool, providerId, cpVersion, window);
    if (typeof spec.name === 'string' && typeof pool?.name === 'string' && !pool.names?.machineDeployment) {
      const mdName = `${spec.name}-${pool.name}`;
      if (mdName.length > NAME_LABEL_MAX) {
        report({ path: 'name', message: `the MachineDeployment name "${mdName}" has ${mdName.length} characters; CAPI copies it into a label value, at most ${NAME_LABEL_MAX}`, value: pool.name, fix: `shorten the cluster or pool name by ${mdName.length - NAME_LABEL_MAX} characters, or pin names.machineDeployment` });
      }
    }
  });

  for (const [i, o] of (spec.overrides ?? []).entries()) {
    if (!o || typeof o.target !== 'string') root({ path: `overrides[${i}].target`, message: 'must name the object to change', value: o?.target });
    if (!o || (typeof o.path !== 'string' && !Array.isArray(o.path)) || o.path.length === 0) {
      root({ path: `overrides[${i}].path`, message: 'must be a dotted path or a list of segments', value: o?.path });
    } else if (o && !o.remove && (parsePath(o.path).slice(-1)[0] === 'passwd' || holdsKey(o.value, 'passwd'))) {
      // The value is not repeated in the issue: it is a password.
      root({ path: `overrides[${i}]`, message: 'plain-text passwords are refused, also through overrides: they would be written to Git and to the management cluster', fix: 'store the hashed password in a Secret and use passwordFromSecret' });
    }
  }
  return issues;
}

/** True when `value` (JSON-like) has an object key `key` at any depth. */
function holdsKey(value: unknown, key: string, depth = 0): boolean {
  if (depth > 50 || !value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(v => holdsKey(v, key, depth + 1));
  return Object.keys(value).some(k => k === key || holdsKey((value as Record<string, unknown>)[k], key, depth + 1));
}
