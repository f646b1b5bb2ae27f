/**
 * resolveFleet: an inventory → every cluster's merged spec with the provenance of each value,
 * and every problem of the fleet at once (the inventory's own, each cluster's validation with the
 * layer that set the bad value, and the checks across clusters in fleet-checks.ts).
 */
import { validateClusterSpec } from '../core/validate/cluster';
import { DEFAULT_NAMESPACE } from '../core/render/context';
import { ValidationIssue } from '../support/issues';
import { closestName, shapeIssues } from '../support/shape';
import { fleetChecks } from './fleet-checks';
import { SpecMerger } from './merge';
import { originsOf, provenanceIndex } from './provenance';
import { secretIssues } from './secrets';
import { INVENTORY_SHAPE, layerSpecIssues } from './shape';
import {
  CLUSTER_LAYER, ClusterEntry, DEFAULT_LAYERS, FleetIssue, Inventory, LayerEntry, ManagementClusterEntry,
  ProvenanceEntry, ResolvedCluster, ResolvedFleet, ValueOrigin,
} from './types';

/** A layer or wave name: what a cluster's `layers` keys and `wave` hold. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

interface EntryInfo {
  readonly entry: LayerEntry;
  readonly origin: ValueOrigin;
  /** Its spec has problems of its own (reported once, for the entry). */
  readonly broken: boolean;
  /** One origin per rollout wave, so that provenance can name it. */
  readonly waveOrigins: Map<string, ValueOrigin>;
}

function inventoryIssue(issue: ValidationIssue, where: string, source: string | undefined, rule: FleetIssue['rule'] = 'inventory'): FleetIssue {
  return { ...issue, path: issue.path === '(spec)' ? where : `${where}.${issue.path}`, rule, ...(source ? { source } : {}) };
}

/**
 * Problems of a layer's spec (shape, secrets, what the merge refuses: a keyed item without its
 * key, a misplaced `$remove`, a cycle), relative to `where`. They do not depend on what the spec
 * is merged over, so they are found once per entry, not once per cluster.
 */
function specProblems(spec: unknown, where: string, source: string | undefined): FleetIssue[] {
  if (spec === undefined) return [];
  const shape = layerSpecIssues(spec);
  // The shape check names most wrong items already ("must be an object").
  const merged = new SpecMerger(PROBE).apply(spec, PROBE).filter(p => !shape.some(s => s.path === p.path));
  return [
    ...shape.map(i => inventoryIssue(i, where, source)),
    ...merged.map(p => inventoryIssue(p, where, source)),
    ...secretIssues(spec).map(i => inventoryIssue(i, where, source, 'secret')),
  ];
}

const PROBE: ValueOrigin = { layer: 'probe', entry: 'probe' };

/**
 * Merges every cluster of `inventory` through its layers (broadest first, the cluster last) and
 * validates the fleet: returns each cluster's merged spec and provenance, and every issue. It
 * never throws for bad input; `assertValidFleet` throws one error listing the issues.
 */
export function resolveFleet(inventory: Inventory): ResolvedFleet {
  const issues: FleetIssue[] = [];
  if (typeof inventory !== 'object' || inventory === null || Array.isArray(inventory)) {
    return { layers: [...DEFAULT_LAYERS, CLUSTER_LAYER], clusters: [], managementClusters: [], issues: [{ path: '(inventory)', message: 'the inventory must be an object', rule: 'inventory' }] };
  }
  for (const issue of shapeIssues(inventory, INVENTORY_SHAPE)) issues.push({ ...issue, rule: 'inventory', ...(inventory.source ? { source: inventory.source } : {}) });
  const list = <T>(v: readonly T[] | undefined): readonly T[] => (Array.isArray(v) ? v : []);
  const required = (items: readonly unknown[] | undefined, where: string, fields: readonly string[], sourceOf: (item: Record<string, unknown>) => unknown) => {
    list(items).forEach((item, i) => {
      if (!item || typeof item !== 'object') return;
      const record = item as Record<string, unknown>;
      const source = typeof sourceOf(record) === 'string' ? (sourceOf(record) as string) : undefined;
      for (const f of fields) {
        if (record[f] === undefined) issues.push({ path: source ? f : `${where}[${i}].${f}`, rule: 'inventory', message: 'is required', fix: `set ${f}`, ...(source ? { source } : {}) });
      }
    });
  };
  required(inventory.managementClusters, 'managementClusters', ['name'], m => m.source);
  required(inventory.entries, 'entries', ['layer', 'name'], e => e.source);
  required(inventory.clusters, 'clusters', ['name'], c => c.source);
  if (!Array.isArray(inventory.clusters)) issues.push({ path: 'clusters', rule: 'inventory', message: 'the inventory has no clusters', fix: 'add a cluster' });

  // Layers.
  const layers = Array.isArray(inventory.layers) ? inventory.layers.filter((l): l is string => typeof l === 'string') : [...DEFAULT_LAYERS];
  const layerSet = new Set<string>();
  layers.forEach((layer, i) => {
    const path = `layers[${i}]`;
    if (layer === CLUSTER_LAYER) issues.push({ path, rule: 'inventory', message: `"${CLUSTER_LAYER}" is the last layer already: every cluster entry is its own layer`, value: layer, fix: `remove it from layers` });
    else if (!NAME.test(layer)) issues.push({ path, rule: 'inventory', message: 'a layer name is lowercase letters, digits and "-"', value: layer, fix: 'rename the layer, e.g. region' });
    else if (layerSet.has(layer)) issues.push({ path, rule: 'inventory', message: 'the layer is listed twice', value: layer, fix: 'list each layer once' });
    layerSet.add(layer);
  });
  const layerOrder = layers.filter((l, i) => l !== CLUSTER_LAYER && layers.indexOf(l) === i);

  // Management clusters and waves.
  const managementClusters = list(inventory.managementClusters).filter(m => m && typeof m.name === 'string');
  const managementNames = new Map<string, ManagementClusterEntry>();
  list(inventory.managementClusters).forEach((m, i) => {
    if (!m || typeof m.name !== 'string') return;
    if (managementNames.has(m.name)) issues.push({ path: `managementClusters[${i}].name`, rule: 'inventory', message: 'a management cluster of this name is declared already', value: m.name, fix: 'declare each management cluster once', ...(m.source ? { source: m.source } : {}) });
    managementNames.set(m.name, m);
  });
  const waves = list(inventory.waves).filter((w): w is string => typeof w === 'string');

  // Layer entries, checked once each.
  const entries = new Map<string, Map<string, EntryInfo>>(layerOrder.map(l => [l, new Map()]));
  list(inventory.entries).forEach((entry, i) => {
    if (!entry || typeof entry.layer !== 'string' || typeof entry.name !== 'string') return;
    const base = entry.source ? '' : `entries[${i}].`;
    const where = `${base}spec`;
    const byName = entries.get(entry.layer);
    if (!byName) {
      const suggestion = closestName(entry.layer, layerOrder);
      issues.push({ path: `${base}layer`, rule: 'inventory', message: `unknown layer${suggestion ? `: did you mean "${suggestion}"?` : ''}`, value: entry.layer, allowed: layerOrder.join(', '), fix: 'use one of the inventory\'s layers, or add the layer to its layers', ...(entry.source ? { source: entry.source } : {}) });
      return;
    }
    if (byName.has(entry.name)) {
      const first = byName.get(entry.name)!.entry.source;
      issues.push({ path: `${base}name`, rule: 'inventory', message: `${entry.layer} ${entry.name} is defined twice${first ? ` (also in ${first})` : ''}`, value: entry.name, fix: 'define each entry once', ...(entry.source ? { source: entry.source } : {}) });
      return;
    }
    const problems = specProblems(entry.spec, where, entry.source);
    list(entry.rollouts).forEach((r, j) => {
      if (!r) return;
      for (const f of ['waves', 'spec'] as const) {
        if (r[f] === undefined) problems.push({ path: `${base}rollouts[${j}].${f}`, rule: 'inventory', message: 'is required', fix: f === 'waves' ? 'list the waves that get the change' : 'write the change', ...(entry.source ? { source: entry.source } : {}) });
      }
      problems.push(...specProblems(r.spec, `${base}rollouts[${j}].spec`, entry.source));
      list(r.waves).forEach((w, k) => {
        if (typeof w === 'string' && !waves.includes(w)) problems.push(unknownName(`${base}rollouts[${j}].waves[${k}]`, 'wave', w, waves, entry.source));
      });
    });
    if (typeof entry.managementCluster === 'string' && !managementNames.has(entry.managementCluster)) {
      problems.push(unknownName(`${base}managementCluster`, 'management cluster', entry.managementCluster, [...managementNames.keys()], entry.source));
    }
    issues.push(...problems);
    const origin: ValueOrigin = { layer: entry.layer, entry: entry.name, ...(entry.source ? { source: entry.source } : {}) };
    byName.set(entry.name, { entry, origin, broken: problems.some(p => p.rule !== 'unknown-reference'), waveOrigins: new Map() });
  });

  // Clusters.
  const clusters: ResolvedCluster[] = [];
  const clusterIssues = new Map<ResolvedCluster, FleetIssue[]>();
  list(inventory.clusters).forEach((c, i) => {
    if (!c || typeof c.name !== 'string') return;
    const own: FleetIssue[] = [];
    const resolved = resolveCluster(c, i, layerOrder, entries, managementNames, waves, own);
    clusters.push(resolved);
    clusterIssues.set(resolved, own);
  });

  // Across clusters.
  for (const issue of fleetChecks(clusters)) {
    const c = clusters.find(x => x.name === issue.cluster);
    if (c) clusterIssues.get(c)!.push(issue);
    else issues.push(issue);
  }
  const out: ResolvedCluster[] = clusters.map(c => {
    const own = clusterIssues.get(c)!;
    issues.push(...own);
    return own.length ? { ...c, valid: false } : c;
  });
  return { layers: [...layerOrder, CLUSTER_LAYER], clusters: out, managementClusters, issues };
}

function unknownName(path: string, what: string, name: string, known: readonly string[], source: string | undefined, cluster?: string): FleetIssue {
  const suggestion = closestName(name, known);
  return {
    path, rule: 'unknown-reference', message: `no ${what} "${name}" in the inventory${suggestion ? `: did you mean "${suggestion}"?` : ''}`, value: name,
    allowed: known.length ? known.join(', ') : `none declared`, fix: suggestion ? `write ${suggestion}` : `declare the ${what}, or name one that exists`,
    ...(source ? { source } : {}), ...(cluster ? { cluster } : {}),
  };
}

function resolveCluster(
  c: ClusterEntry, index: number, layerOrder: readonly string[], entries: Map<string, Map<string, EntryInfo>>,
  managementNames: Map<string, ManagementClusterEntry>, waves: readonly string[], issues: FleetIssue[],
): ResolvedCluster {
  const base = c.source ? '' : `clusters[${index}].`;
  const src = c.source ? { source: c.source } : {};
  const cluster = c.name;
  const self: ValueOrigin = { layer: CLUSTER_LAYER, entry: c.name, ...src };
  const memberOf = (c.layers && typeof c.layers === 'object' ? c.layers : {}) as Record<string, unknown>;
  for (const key of Object.keys(memberOf)) {
    if (!entries.has(key)) {
      const suggestion = closestName(key, layerOrder);
      issues.push({ path: `${base}layers.${key}`, rule: 'inventory', cluster, message: `unknown layer${suggestion ? `: did you mean "${suggestion}"?` : ''}`, allowed: layerOrder.join(', '), fix: suggestion ? `rename it to ${suggestion}` : 'name one of the inventory\'s layers', ...src });
    }
  }
  if (c.wave !== undefined && typeof c.wave === 'string' && !waves.includes(c.wave)) issues.push(unknownName(`${base}wave`, 'wave', c.wave, waves, c.source, cluster));

  const chain: EntryInfo[] = [];
  for (const layer of layerOrder) {
    const name = memberOf[layer];
    if (typeof name !== 'string') continue;
    const info = entries.get(layer)!.get(name);
    if (!info) issues.push(unknownName(`${base}layers.${layer}`, `${layer}`, name, [...entries.get(layer)!.keys()], c.source, cluster));
    else chain.push(info);
  }
  const broken = chain.filter(e => e.broken);

  const merger = new SpecMerger(self);
  merger.apply({ name: c.name }, self);
  let managementCluster: { value: string; origin: ValueOrigin; overridden: ValueOrigin[] } | undefined;
  let sharedNetwork: { value: string; origin: ValueOrigin; overridden: ValueOrigin[] } | undefined;
  const attribute = (prev: typeof managementCluster, value: unknown, origin: ValueOrigin): typeof managementCluster =>
    typeof value !== 'string' ? prev : { value, origin, overridden: prev ? [...prev.overridden, prev.origin] : [] };
  for (const info of chain) {
    const e = info.entry;
    // Problems of an entry's spec are reported once, for the entry (specProblems).
    merger.apply(e.spec, info.origin);
    managementCluster = attribute(managementCluster, e.managementCluster, info.origin);
    sharedNetwork = attribute(sharedNetwork, e.sharedNetwork, info.origin);
    if (c.wave === undefined) continue;
    for (const r of Array.isArray(e.rollouts) ? e.rollouts : []) {
      if (!r || !Array.isArray(r.waves) || !r.waves.includes(c.wave)) continue;
      let origin = info.waveOrigins.get(c.wave);
      if (!origin) info.waveOrigins.set(c.wave, (origin = { ...info.origin, wave: c.wave }));
      merger.apply(r.spec, origin);
    }
  }
  const ownProblems = specProblems(c.spec, `${base}spec`, c.source).map(i => ({ ...i, cluster }));
  issues.push(...ownProblems);
  merger.apply(c.spec, self);
  managementCluster = attribute(managementCluster, c.managementCluster, self);
  sharedNetwork = attribute(sharedNetwork, c.sharedNetwork, self);
  if (managementCluster && !managementNames.has(managementCluster.value) && managementCluster.origin === self) {
    issues.push(unknownName(`${base}managementCluster`, 'management cluster', managementCluster.value, [...managementNames.keys()], c.source, cluster));
  }

  const { spec, provenance } = merger.result();
  for (const [path, a] of [['managementCluster', managementCluster], ['sharedNetwork', sharedNetwork]] as const) {
    if (a) provenance.push({ path, specPath: path, kind: 'attribute', value: a.value, origin: a.origin, overridden: a.overridden });
  }

  // The merged spec's own validation, each problem traced to the layer that set the value. A
  // cluster on a broken entry says so once instead of repeating the entry's problems (they would
  // come back from the merged spec); its own checks run once the entry is fixed.
  if (broken.length) {
    issues.push({ path: '(spec)', rule: 'inventory', cluster, message: `not validated: it belongs to ${broken.map(b => `${b.origin.layer} ${b.origin.entry}`).join(', ')}, whose spec has problems (reported for the entry)`, fix: 'fix the entry', origins: broken.map(b => b.origin) });
  } else if (!ownProblems.length) {
    const spectIssues = validateClusterSpec(spec);
    if (spectIssues.length) {
      const index = provenanceIndex(provenance);
      for (const issue of spectIssues) issues.push({ ...issue, rule: 'cluster-spec', cluster, origins: originsOf({ provenance }, issue.path, index) });
    }
  }
  const namespace = typeof spec.namespace === 'string' ? spec.namespace : DEFAULT_NAMESPACE;
  const result: ResolvedCluster = {
    name: c.name, namespace, spec, provenance: provenance as readonly ProvenanceEntry[], valid: issues.length === 0,
    layers: [...chain.map(e => e.origin), self],
    ...(managementCluster ? { managementCluster: managementCluster.value } : {}),
    ...(sharedNetwork ? { sharedNetwork: sharedNetwork.value } : {}),
    ...(typeof c.wave === 'string' ? { wave: c.wave } : {}),
  };
  return result;
}
