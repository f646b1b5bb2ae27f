/** The fleet status as text (terminals), markdown (pull requests, dashboards) or JSON (tools). */
import type { FleetStatus, StatusCluster, StatusCondition, StatusManagement, StatusPool, StatusReplicas } from './types';
import { statusClusterId } from './status';

export const STATUS_FORMATS = ['text', 'markdown', 'json'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export interface StatusFormatOptions {
  /** Only the fleet summary and the management clusters, no per-cluster detail. @default false */
  readonly summaryOnly?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listOr = (items: string[], none: string) => (items.length ? items.join(', ') : none);

function counts(r: StatusReplicas, keys: ReadonlyArray<[keyof StatusReplicas, string]>): string {
  return keys.map(([k, label]) => `${r[k] ?? '?'} ${label}`).join(' / ');
}
const CP_KEYS: ReadonlyArray<[keyof StatusReplicas, string]> = [['desired', 'desired'], ['ready', 'ready'], ['upToDate', 'up to date']];
const POOL_KEYS: ReadonlyArray<[keyof StatusReplicas, string]> = [['desired', 'desired'], ['ready', 'ready'], ['available', 'available'], ['upToDate', 'up to date']];

function conditionText(c: StatusCondition): string {
  return `${c.type} ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
}

function versionText(cp: StatusCluster['controlPlane']): string {
  if (cp.version && cp.desiredVersion && cp.version !== cp.desiredVersion) return `${cp.version} → ${cp.desiredVersion}`;
  return cp.version ?? cp.desiredVersion ?? 'version unknown';
}

function poolText(p: StatusPool): string {
  const bounds = p.autoscaler ? `, autoscaler ${p.autoscaler.min}..${p.autoscaler.max}` : '';
  const bad = p.conditions.length ? `; ${p.conditions.map(conditionText).join('; ')}` : '';
  return `${p.name} (${p.kind}) ${p.version ?? 'version unknown'}: ${counts(p.replicas, POOL_KEYS)}${bounds}${bad}`;
}

function managementLines(m: StatusManagement): string[] {
  const version = m.capiVersion ? `Cluster API ${m.capiVersion.version} (from ${m.capiVersion.source})` : 'Cluster API version unknown';
  const window = m.supportedVersions ? `, supports ${m.supportedVersions.oldest}-${m.supportedVersions.newest}` : '';
  const lines = [`${m.context}: ${version}${window}`];
  for (const p of m.providers) {
    const v = p.installedVersion ?? p.version ?? 'version unknown';
    const why = p.conditions.length ? `: ${p.conditions.map(conditionText).join('; ')}` : '';
    lines.push(`  ${p.kind} ${p.namespace}/${p.name} ${v}: ${p.healthy ? 'healthy' : 'NOT healthy'}${why}`);
  }
  for (const n of m.notes) lines.push(`  note: ${n}`);
  return lines;
}

function summaryLines(s: FleetStatus): string[] {
  const { summary } = s;
  const states = summary.states.filter((x) => x.count > 0).map((x) => `${x.count} ${x.state}`);
  const lines = [
    `Fleet: ${plural(summary.clusters, 'cluster')} on ${plural(s.management.length, 'management cluster')}`,
    `  states: ${listOr(states, 'none')}`,
    `  control planes: ${listOr(summary.controlPlaneVersions.map((v) => `${v.count} on ${v.version}`), 'none')}`,
    `  pools lagging: ${listOr(summary.lagging.map((l) => `${l.cluster} ${l.pool} ${l.version} (control plane ${l.controlPlane})`), 'none')}`,
    `  outside the supported versions: ${listOr(summary.outsideWindow.map((o) => `${o.cluster} ${o.version} (supported ${o.window})`), 'none')}`,
    `  not available: ${listOr(summary.unavailable, 'none')}`,
  ];
  if (summary.drift) {
    lines.push(`  drift from the desired manifests: ${listOr(summary.drift.drifted, 'none')}`);
    if (summary.drift.missing.length) lines.push(`  desired but on no management cluster: ${summary.drift.missing.join(', ')}`);
    if (summary.drift.notDesired.length) lines.push(`  not in the desired manifests: ${summary.drift.notDesired.join(', ')}`);
  }
  return lines;
}

function clusterLines(c: StatusCluster, multi: boolean): string[] {
  const lines = [`Cluster ${statusClusterId(c, multi)}: ${c.state}${c.phase ? ` (phase ${c.phase})` : ''}`];
  lines.push(`  infrastructure: ${c.infrastructure ?? 'unknown'}${c.clusterClass ? `, ClusterClass ${c.clusterClass}` : ''}`);
  const bad = c.conditions.filter((x) => !x.good);
  lines.push(`  conditions: ${bad.length ? bad.map(conditionText).join('; ') : c.conditions.length ? 'all good' : 'none reported'}`);
  const cp = c.controlPlane;
  lines.push(`  control plane: ${cp.kind ? `${cp.kind} ${cp.name} ` : ''}${versionText(cp)}: ${counts(cp.replicas, CP_KEYS)}`);
  if (c.pools.length === 0) lines.push('  pools: none');
  else lines.push('  pools:', ...c.pools.map((p) => `    ${poolText(p)}`));
  if (c.unhealthyMachines.length) {
    lines.push('  machines not healthy:', ...c.unhealthyMachines.map((m) => `    ${m.name}${m.owner ? ` (${m.owner})` : ''}: ${m.reason}${m.message ? `: ${m.message}` : ''}`));
  }
  if (c.addons.length) {
    lines.push(`  add-ons: ${c.addons.map((a) => `${a.name} ${a.release ?? (a.ready ? 'ready' : 'not ready')}${a.ready ? '' : ` (${[a.reason, a.message].filter(Boolean).join(': ') || 'not ready'})`}`).join('; ')}`);
  }
  lines.push(`  kubeconfig Secret: ${c.kubeconfigSecret ? 'present' : 'missing'}`);
  if (c.certificatesExpiry) lines.push(`  certificates: earliest expiry ${c.certificatesExpiry.date} (${c.certificatesExpiry.machine})`);
  if (c.drift) {
    if (!c.drift.inDesired) lines.push('  drift: not in the desired manifests');
    else if (c.drift.changes.length === 0) lines.push('  drift: none');
    else lines.push('  drift:', ...c.drift.changes.map((ch) => `    ${ch.kind}/${ch.name} ${ch.action}${ch.paths.length ? `: ${ch.paths.join(', ')}` : ''}`));
  }
  return lines;
}

function text(s: FleetStatus, options: StatusFormatOptions): string {
  const multi = s.management.length > 1;
  const blocks = [summaryLines(s), ['Management clusters:', ...s.management.flatMap((m) => managementLines(m).map((l) => `  ${l}`))]];
  if (!options.summaryOnly) blocks.push(...s.clusters.map((c) => clusterLines(c, multi)));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

/** Markdown table cells: no pipes, no newlines, no HTML. */
const cell = (t: string) => t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/[\r\n]+/g, ' ');

function markdown(s: FleetStatus, options: StatusFormatOptions): string {
  const multi = s.management.length > 1;
  const out: string[] = ['## Fleet status', '', ...summaryLines(s).slice(1).map((l) => `- ${cell(l.trim())}`), ''];
  out.push('### Management clusters', '', '| Management cluster | Cluster API | Supported versions | Providers |', '| --- | --- | --- | --- |');
  for (const m of s.management) {
    const providers = m.providers.map((p) => `${p.kind} ${p.name} ${p.installedVersion ?? p.version ?? '?'} ${p.healthy ? '✅' : `❌ ${p.conditions.map(conditionText).join('; ')}`}`).join('<br>');
    out.push(`| ${cell(m.context)} | ${m.capiVersion ? cell(`${m.capiVersion.version} (${m.capiVersion.source})`) : 'unknown'} | ${m.supportedVersions ? `${m.supportedVersions.oldest}-${m.supportedVersions.newest}` : 'unknown'} | ${providers ? providers.split('<br>').map(cell).join('<br>') : 'no operator providers'} |`);
  }
  for (const m of s.management) for (const n of m.notes) out.push('', `> ${cell(m.context)}: ${cell(n)}`);
  out.push('');
  if (!options.summaryOnly && s.clusters.length) {
    out.push('### Clusters', '', '| Cluster | State | Infrastructure | Control plane | Pools | Not good |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of s.clusters) {
      const cp = `${versionText(c.controlPlane)}, ${counts(c.controlPlane.replicas, CP_KEYS)}`;
      const pools = c.pools.map((p) => cell(poolText(p))).join('<br>') || 'none';
      const bad = [
        ...c.conditions.filter((x) => !x.good).map(conditionText),
        ...c.unhealthyMachines.map((m) => `Machine ${m.name}: ${m.reason}${m.message ? `: ${m.message}` : ''}`),
        ...c.addons.filter((a) => !a.ready).map((a) => `add-on ${a.name}: ${[a.release, a.reason, a.message].filter(Boolean).join(': ')}`),
        ...(c.kubeconfigSecret ? [] : ['kubeconfig Secret missing']),
        ...(c.drift?.inDesired && c.drift.changes.length ? [`drift: ${c.drift.changes.map((ch) => `${ch.kind}/${ch.name} ${ch.action}`).join(', ')}`] : []),
      ].map(cell).join('<br>') || '—';
      out.push(`| ${cell(statusClusterId(c, multi))} | ${c.state} | ${cell(c.infrastructure ?? 'unknown')} | ${cell(cp)} | ${pools} | ${bad} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** `status` in `format`. */
export function formatStatus(status: FleetStatus, format: StatusFormat, options: StatusFormatOptions = {}): string {
  if (format === 'json') return `${JSON.stringify(options.summaryOnly ? { summary: status.summary, management: status.management } : status, null, 2)}\n`;
  return format === 'markdown' ? markdown(status, options) : text(status, options);
}
