/**
 * Renders a plan as terminal text, as markdown for a pull-request comment, or as JSON. Text and
 * markdown start with the fleet summary (see summary.ts), then give the details per cluster.
 */
import { CONTROL_PLANE_TARGET } from './machines';
import { describeProviderChange } from './operator';
import { PlanSummary, summarizePlan } from './summary';
import { INFRASTRUCTURE_TARGET } from './topology';
import {
  Plan, PlanChange, PlanClass, PlanClassImpact, PlanCluster, PlanDanger, PlanFieldChange, PlanFormat, PlanInputError, PlanProviderChange, PlanProviders, PlanRollout, PlanScaling,
} from './types';

export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

/** The most characters GitHub takes in one pull-request or issue comment. */
export const PLAN_MARKDOWN_MAX_LENGTH = 65_536;

/** How `formatPlan` renders. */
export interface PlanFormatOptions {
  /**
   * Only the fleet summary and the dangers: text and markdown leave out the per-cluster details,
   * JSON is `{ summary, dangers }` (every danger, with its cluster's `namespace/name`).
   * @default false
   */
  readonly summaryOnly?: boolean;
  /**
   * Longest markdown output, in characters. Longer output leaves out per-cluster details (from the
   * last cluster back), then summary groups, then danger groups, and ends with a note of what was
   * left out; the JSON and text outputs are always complete.
   * @default PLAN_MARKDOWN_MAX_LENGTH (65,536: one GitHub comment)
   */
  readonly markdownMaxLength?: number;
}

/** Room kept for the note that says what a shortened markdown output left out. */
const NOTE_ROOM = 600;

/** Renders `plan` in `format`; every format ends with a newline. */
export function formatPlan(plan: Plan, format: PlanFormat = 'text', options: PlanFormatOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(options.summaryOnly ? { summary: summarizePlan(plan), dangers: dangersWithClusters(plan) } : { summary: summarizePlan(plan), ...plan }, null, 2)}\n`;
    case 'markdown':
      return formatMarkdown(plan, options);
    case 'text':
      return formatText(plan, options);
    default:
      throw new PlanInputError(`unknown format "${String(format)}": use one of ${PLAN_FORMATS.join(', ')}`);
  }
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Every danger of the plan: cluster ones first, then the ClusterClasses', those of no cluster, the management cluster's. */
export function planDangers(plan: Plan): PlanDanger[] {
  return [
    ...plan.clusters.flatMap((c) => c.dangers),
    ...(plan.classes ?? []).flatMap((c) => c.dangers),
    ...(plan.unassigned?.dangers ?? []),
    ...(plan.providers?.dangers ?? []),
  ];
}

function dangersWithClusters(plan: Plan): Array<PlanDanger & { cluster?: string; clusterClass?: string; management?: true }> {
  return [
    ...plan.clusters.flatMap((c) => c.dangers.map((d) => ({ cluster: `${c.namespace}/${c.cluster}`, ...d }))),
    ...(plan.classes ?? []).flatMap((c) => c.dangers.map((d) => ({ clusterClass: `${c.namespace}/${c.name}`, ...d }))),
    ...(plan.unassigned?.dangers ?? []),
    ...(plan.providers?.dangers ?? []).map((d) => ({ ...d, management: true as const })),
  ];
}

function headline(plan: Plan): string {
  const rollouts = plan.clusters.reduce((n, c) => n + c.rollouts.length, 0);
  return [
    plural(planDangers(plan).length, 'danger'),
    plural(rollouts, 'machine rollout'),
    plural(plan.clusters.length, 'cluster') + ' affected',
    ...(plan.providers ? [plural(plan.providers.changes.length, 'provider change')] : []),
  ].join(', ');
}

/** The plan touches one cluster, or only objects of no cluster, or only one ClusterClass, or only the management cluster's providers. */
function isSingle(plan: Plan): boolean {
  return plan.clusters.length + (plan.unassigned ? 1 : 0) + (plan.classes?.length ?? 0) + (plan.providers ? 1 : 0) === 1;
}

function isEmpty(plan: Plan): boolean {
  return plan.clusters.length === 0 && !plan.unassigned && !plan.classes?.length && !plan.providers;
}

/** How the operator gets to the provider changes (see operator.ts for the sources). */
const PROVIDER_ORDER_NOTE =
  "in clusterctl's order (1 core, 2 bootstrap, 3 control plane, 4 infrastructure, 5 add-on); cluster-api-operator reconciles each provider on its own, a new one once the CoreProvider is Ready";

const MANAGEMENT_TITLE = 'Management cluster (cluster-api-operator providers)';

/** `4. upgrade CAPA v2.11.0 → v2.11.1`. */
function providerLine(c: Pick<PlanProviderChange, 'step' | 'action' | 'provider' | 'from' | 'to'>, style: Style): string {
  return `${c.step}. ${style.text(describeProviderChange(c))}`;
}

/** "3 clusters roll their `general` workers": what a class change does, in one line. */
export function describeClassImpact(i: PlanClassImpact, style: { code: (t: string) => string }): string {
  const n = i.clusters.length;
  const whose = i.target === CONTROL_PLANE_TARGET ? 'control planes' : i.target === INFRASTRUCTURE_TARGET ? 'infrastructure cluster objects' : `${style.code(i.target)} workers`;
  if (n === 0) {
    return `${i.what}: no cluster uses ${i.target === CONTROL_PLANE_TARGET || i.target === INFRASTRUCTURE_TARGET ? 'the class' : `worker class ${style.code(i.target)}`}`;
  }
  const clusters = plural(n, 'cluster');
  if (i.effect === 'rollout') return `${i.what}: ${clusters} roll their ${whose}`;
  if (i.effect === 'possible-rollout') return `${i.what}: ${clusters} may roll their ${whose} (depends on how the patches evaluate)`;
  return `${i.what}: ${clusters} get it in place (their ${whose}; no machine replaced)`;
}

/** The lines of one class: its impacts (each with its field changes), dangers, changes and cleanup. */
function classLines(c: PlanClass, style: Style, indent: string): string[] {
  const lines: string[] = [];
  for (const i of c.impacts) {
    lines.push(`${indent}${describeClassImpact(i, style)}`);
    for (const f of i.fieldChanges) lines.push(`${indent}  ${describeFieldChange(f, style)}`);
  }
  return lines;
}

const EMPTY = 'No changes: no object changes and no machine is replaced.';

/** How many machines go and how, in words. */
export function describeMachines(r: PlanRollout): string {
  if (r.possible) return `may replace ${describeCertainMachines(r)}`;
  return describeCertainMachines(r);
}

function describeCertainMachines(r: PlanRollout): string {
  if (r.machines === null && !r.autoscaling) return `all its machines (replicas not set in the manifests), maxSurge ${r.maxSurge}, maxUnavailable ${r.maxUnavailable}`;
  if (r.autoscaling) {
    const how = r.strategy === 'OnDelete' ? 'when you delete them (OnDelete)' : `maxSurge ${r.maxSurge}, maxUnavailable ${r.maxUnavailable}`;
    return `unknown (autoscaled between ${r.autoscaling.min} and ${r.autoscaling.max}) machines, ${how}`;
  }
  const n = plural(r.machines ?? 0, 'machine');
  if (r.strategy === 'OnDelete') return `${n}, replaced only when you delete them (OnDelete strategy)`;
  if (r.target === CONTROL_PLANE_TARGET) {
    return r.maxSurge === 0
      ? `${n}, one at a time, removing an old machine before adding its replacement (maxSurge 0)`
      : `${n}, one at a time, adding a new machine before removing an old one (maxSurge 1)`;
  }
  return `${n}, maxSurge ${r.maxSurge}, maxUnavailable ${r.maxUnavailable}`;
}

/** "+2 machines (3 → 5)"; for the control plane "+2 control-plane machines (etcd members) (3 → 5)". */
function describeScaling(s: Pick<PlanScaling, 'target' | 'from' | 'to'>): string {
  const delta = Math.abs(s.to - s.from);
  const sign = s.to < s.from ? '-' : '+';
  const what = s.target === CONTROL_PLANE_TARGET ? `control-plane ${delta === 1 ? 'machine (etcd member)' : 'machines (etcd members)'}` : delta === 1 ? 'machine' : 'machines';
  return `${sign}${delta} ${what} (${s.from} → ${s.to})`;
}

/** What markdown and text differ in: code spans, free text and how a danger reads. */
interface Style {
  readonly code: (text: string) => string;
  /**
   * Free text from the manifests (messages, reasons, kinds, versions): in markdown `<`, `>` and `&`
   * are escaped, so a hostile value cannot open or close HTML (`</details>`) in the comment.
   */
  readonly text: (text: string) => string;
  readonly danger: (d: Pick<PlanDanger, 'code' | 'object' | 'message'>) => string;
}

const TEXT: Style = { code: (text) => text, text: (text) => text, danger: (d) => `! ${d.code} ${d.object}: ${d.message}` };
const MARKDOWN: Style = { code, text: html, danger: (d) => `**${d.code}** ${code(d.object)}: ${html(d.message)}` };
const dangerItem = (d: PlanDanger) => `- ${MARKDOWN.danger(d)}`;

/** Longest field value shown in text and markdown (the JSON has them whole). */
const MAX_VALUE = 80;

/** A field value on one line, control characters escaped, shortened to MAX_VALUE characters. */
function shown(value: string): string {
  const line = value.replace(/[\u0000-\u001f\u007f]/g, (ch) => (ch === '\n' ? '\\n' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 1)}…` : line;
}

/** A "why" line: `instanceType: t3.large → m7i.large`, `x: added (v)`, `x: removed`. */
function describeFieldChange(f: PlanFieldChange, style: Style): string {
  const path = style.code(f.path);
  if (f.from !== undefined && f.to !== undefined) return `${path}: ${style.code(shown(f.from))} → ${style.code(shown(f.to))}`;
  if (f.to !== undefined) return `${path}: added (${style.code(shown(f.to))})`;
  return f.from !== undefined ? `${path}: removed` : `${path}: changed`;
}

function startsAtLine(time: string): string {
  return `starts at ${time} (rollout.after is in the future)`;
}

/** The first `max` of `items`, then "and N more WORDs". */
function firstOf(items: string[], max: number, word: string): string[] {
  return items.length > max ? [...items.slice(0, max), `and ${plural(items.length - max, word)}`] : items;
}

/** Clusters shown by name in a summary group before "… and N more" (the JSON lists them all). */
const SHOWN_CLUSTERS = 5;

function clusterList(clusters: string[], style: Style): string {
  const names = clusters.map(style.code);
  // "… and 1 more" would be longer than the name it hides.
  if (names.length <= SHOWN_CLUSTERS + 1) return names.join(', ');
  return `${names.slice(0, SHOWN_CLUSTERS).join(', ')}, … and ${names.length - SHOWN_CLUSTERS} more`;
}

function targetLabel(target: string, style: Style): string {
  return target === CONTROL_PLANE_TARGET ? 'control plane' : `pool ${style.code(target)}`;
}

interface SummarySection {
  readonly title: string;
  /** `where`: what the group is about when it has no clusters (the management cluster); `whole`: `what` is the whole line (it says how many clusters itself). */
  readonly items: Array<{ readonly what: string; readonly clusters: string[]; readonly where?: string; readonly whole?: boolean }>;
}

/** "ClusterClass aws-standard: machine template changed: 3 clusters roll their `general` workers (instanceType: t3.large → m7i.large)". */
function classItems(plan: Plan, style: Style): SummarySection['items'] {
  return (plan.classes ?? []).flatMap((c) =>
    c.impacts.map((i) => {
      const fields = i.fieldChanges.length ? ` (${firstOf(i.fieldChanges.map((f) => describeFieldChange(f, style)), 5, 'field change').join('; ')})` : '';
      return { what: `ClusterClass ${style.code(c.name)}: ${describeClassImpact(i, style)}${fields}`, clusters: i.clusters, whole: true };
    }),
  );
}

/** The fleet summary as sections of groups; dangers first, then what ClusterClass changes do. */
function summarySections(s: PlanSummary, style: Style, plan: Plan): SummarySection[] {
  const sections: SummarySection[] = [
    { title: 'Dangers', items: s.dangers.map((d) => ({ what: style.danger(d), clusters: d.clusters, ...(d.management ? { where: 'management cluster' } : {}) })) },
    {
      title: `Providers (${PROVIDER_ORDER_NOTE})`,
      items: (s.providers ?? []).map((p) => ({ what: providerLine(p, style), clusters: [], where: 'management cluster' })),
    },
    { title: 'ClusterClass changes', items: classItems(plan, style) },
    {
      title: 'Machines replaced',
      items: s.rollouts.map((r) => {
        const verb = r.strategy === 'OnDelete' ? 'rolls as you delete its machines (OnDelete)' : r.possible ? 'may roll' : 'rolls';
        const when = r.startsAt ? ` starting ${r.startsAt} (rollout.after)` : '';
        const counts = [...(r.machines || !r.autoscaled ? [plural(r.machines, 'machine')] : []), ...(r.autoscaled ? [`an unknown number in ${plural(r.autoscaled, 'autoscaled pool')}`] : [])];
        const because = r.fieldChanges.length ? firstOf(r.fieldChanges.map((f) => describeFieldChange(f, style)), 5, 'field change').join('; ') : r.causes.map(style.text).join('; ');
        return { what: `${targetLabel(r.target, style)} ${verb}${when} (${counts.join(' and ')}) because ${because}`, clusters: r.clusters };
      }),
    },
    {
      title: 'Scaling (machines added or removed, none replaced)',
      items: s.scaling.map((g) => ({ what: `${targetLabel(g.target, style)}: ${describeScaling(g)}${g.note ? `; ${style.text(g.note)}` : ''}`, clusters: g.clusters })),
    },
    { title: 'Kubernetes versions', items: s.versions.map((v) => ({ what: `${targetLabel(v.target, style)}: ${style.text(v.from)} → ${style.text(v.to)}`, clusters: v.clusters })) },
    {
      title: 'In place (no machine replaced)',
      items: s.inPlace.map((p) => ({ what: `${targetLabel(p.target, style)}: ${firstOf(p.paths.map(style.code), 5, 'path').join(', ')}`, clusters: p.clusters })),
    },
  ];
  return sections.filter((section) => section.items.length);
}

/** A group's line: how many clusters, and what happens to them. */
function groupHead(item: SummarySection['items'][number]): string {
  if (item.whole) return item.what;
  return `${item.clusters.length ? plural(item.clusters.length, 'cluster') : (item.where ?? 'objects of no cluster')}: ${item.what}`;
}

/** References to objects managed outside the manifests: shown as information, never as dangers. */
const EXTERNAL_TITLE = 'External references (managed outside these manifests; not checked: plan --live checks them)';

const ACTION_MARK: Record<PlanChange['action'], string> = { created: '+', updated: '~', deleted: '-' };

function formatText(plan: Plan, options: PlanFormatOptions): string {
  if (isEmpty(plan)) return `${EMPTY}\n`;
  const lines = [`Plan: ${headline(plan)}.`];
  // With one cluster the details say it all: the summary is left out, unless it is all that is asked for.
  if (options.summaryOnly || !isSingle(plan)) {
    lines.push('', 'Fleet summary (each change once, with the clusters it touches):');
    for (const section of summarySections(summarizePlan(plan), TEXT, plan)) {
      lines.push(`  ${section.title}:`);
      for (const item of section.items) lines.push(`    ${groupHead(item)}`, ...(!isSingle(plan) && item.clusters.length ? [`      ${clusterList(item.clusters, TEXT)}`] : []));
    }
  }
  const section = (title: string, rows: string[]) => {
    if (rows.length) lines.push(`  ${title}:`, ...rows.map((r) => `    ${r}`));
  };
  for (const c of plan.classes ?? []) {
    lines.push('', `ClusterClass ${c.namespace}/${c.name} (used by ${plural(c.clusters.length, 'cluster')})`);
    section('Dangers', c.dangers.map(TEXT.danger));
    section('Impact', classLines(c, TEXT, ''));
    if (options.summaryOnly) continue;
    section('Changes', c.changes.map(textChange));
    section('Cleanup candidates', c.cleanup.map((t) => `${t.kind} ${t.name}: ${t.reason}`));
  }
  if (options.summaryOnly) return `${lines.join('\n')}\n`;
  if (plan.providers) {
    const p = plan.providers;
    lines.push('', MANAGEMENT_TITLE);
    section('Dangers', p.dangers.map(TEXT.danger));
    section(`Provider changes, ${PROVIDER_ORDER_NOTE}`, p.changes.flatMap((c) => [
      `${providerLine(c, TEXT)} (${c.kind} ${c.namespace}/${c.name}${contractText(c) ? `, contract ${contractText(c)}` : ''})`,
      `  ${c.effect}`,
      ...(c.action === 'upgrade' || c.action === 'downgrade' || c.action === 'reconfigure' ? [`  changes: ${c.paths.join(', ')}`] : []),
    ]));
    section('Changes', p.objects.map(textChange));
    section('Not checked', p.unchecked);
  }
  for (const c of plan.clusters) {
    lines.push('', `Cluster ${c.namespace}/${c.cluster}`);
    section('Dangers', c.dangers.map(TEXT.danger));
    section(
      'Machines replaced',
      c.rollouts.flatMap((r) => [
        `${r.target} (${r.kind} ${r.name}): ${describeMachines(r)}`,
        `  because: ${r.reason}`,
        ...r.fieldChanges.map((f) => `    ${describeFieldChange(f, TEXT)}`),
        ...(r.startsAt ? [`  ${startsAtLine(r.startsAt)}`] : []),
      ]),
    );
    section(
      'Scaling (machines added or removed, none replaced)',
      c.scaling.flatMap((s) => [`${s.target} (${s.kind} ${s.name}): ${describeScaling(s)}`, ...(s.note ? [`  ${s.note}`] : [])]),
    );
    section('Kubernetes versions', c.versions.map((v) => `${v.target} (${v.kind} ${v.name}): ${v.from ?? '(new)'} → ${v.to ?? '(deleted)'}`));
    section('In place (no machine replaced)', c.inPlace.map((p) => `${p.target} (${p.kind} ${p.name}): ${p.paths.join(', ')}`));
    section('Changes', c.changes.map(textChange));
    section('Cleanup candidates', c.cleanup.map((t) => `${t.kind} ${t.name}: ${t.reason}`));
    section(EXTERNAL_TITLE, c.externalReferences.map((r) => `${r.object} ${r.path} → ${r.kind}/${r.name}`));
  }
  if (plan.unassigned) {
    lines.push('', 'Objects of no cluster');
    section('Dangers', plan.unassigned.dangers.map(TEXT.danger));
    section('Changes', plan.unassigned.changes.map(textChange));
  }
  return `${lines.join('\n')}\n`;
}

/** `v1beta1 → v1beta2`, `v1beta2`, or empty when the version table does not know it. */
function contractText(c: PlanProviderChange): string {
  if (c.contractFrom && c.contractTo && c.contractFrom !== c.contractTo) return `${c.contractFrom} → ${c.contractTo}`;
  return c.contractTo ?? c.contractFrom ?? '';
}

function textChange(ch: PlanChange & { namespace?: string }): string {
  const ns = ch.namespace ? ` (namespace ${ch.namespace})` : '';
  const paths = ch.paths.length ? `: ${ch.paths.join(', ')}` : '';
  return `${ACTION_MARK[ch.action]} ${ch.kind} ${ch.name}${ns}${paths}`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** A piece of the markdown output; pieces are left out from the end when the output is too long. */
interface Piece {
  readonly text: string;
  readonly part: 'danger' | 'summary' | 'management' | 'cluster' | 'class' | 'unassigned';
  /** `namespace/name` of a cluster's details. */
  readonly cluster?: string;
}

function formatMarkdown(plan: Plan, options: PlanFormatOptions): string {
  const title = '## capi-constructs plan\n\n';
  if (isEmpty(plan)) return `${title}${EMPTY}\n`;
  const limit = options.markdownMaxLength ?? PLAN_MARKDOWN_MAX_LENGTH;
  if (!(limit >= 2 * NOTE_ROOM)) throw new RangeError(`markdownMaxLength must be at least ${2 * NOTE_ROOM}, not ${limit}`);
  const head = `${title}${headline(plan)}`;
  const pieces: Piece[] = [];
  const lists = !isSingle(plan); // as in formatText
  summarySections(summarizePlan(plan), MARKDOWN, plan).forEach((section, i) => {
    section.items.forEach((item, j) => {
      const heading = j ? '' : `${i ? '' : '\n\n### Summary'}\n\n**${section.title}**\n`;
      const list = lists && item.clusters.length ? `\n  - ${clusterList(item.clusters, MARKDOWN)}` : '';
      pieces.push({ text: `${heading}\n- ${groupHead(item)}${list}`, part: section.title === 'Dangers' ? 'danger' : 'summary' });
    });
  });
  if (!options.summaryOnly) {
    // One cluster's details are open; a fleet's are collapsed, so that the summary is what a reviewer sees.
    const open = isSingle(plan) ? ' open' : '';
    const details = (summary: string, body: string[]) =>
      `\n\n<details${open}><summary>${summary}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
    if (plan.providers) {
      const p = plan.providers;
      const counts = [...(p.dangers.length ? [plural(p.dangers.length, 'danger')] : []), plural(p.changes.length, 'provider change')];
      pieces.push({ text: details(`${MANAGEMENT_TITLE}: ${counts.join(', ')}`, managementBlocks(p)), part: 'management' });
    }
    plan.clusters.forEach((c, i) => {
      const counts = [
        ...(c.dangers.length ? [plural(c.dangers.length, 'danger')] : []),
        ...(c.rollouts.length ? [plural(c.rollouts.length, 'machine rollout')] : []),
        plural(c.changes.length, 'change'),
      ];
      const id = `${c.namespace}/${c.cluster}`;
      const summary = `Cluster <code>${html(id)}</code>: ${counts.join(', ')}`;
      pieces.push({ text: `${i ? '' : '\n\n### Clusters'}${details(summary, clusterBlocks(c))}`, part: 'cluster', cluster: id });
    });
    (plan.classes ?? []).forEach((c, i) => {
      const impact = c.impacts.map((im) => [`- ${describeClassImpact(im, MARKDOWN)}`, ...im.fieldChanges.map((f) => `  - ${describeFieldChange(f, MARKDOWN)}`)].join('\n'));
      const blocks = [
        block('Dangers', c.dangers.map(dangerItem)),
        block('Impact', impact),
        block('Changes', changeTable(c.changes)),
        block('Cleanup candidates', c.cleanup.map((t) => `- ${html(t.kind)} ${code(t.name)}: ${html(t.reason)}`)),
      ].filter((b) => b);
      const summary = `ClusterClass <code>${html(`${c.namespace}/${c.name}`)}</code>: used by ${plural(c.clusters.length, 'cluster')}, ${plural(c.changes.length, 'change')}`;
      pieces.push({ text: `${i ? '' : '\n\n### ClusterClasses'}${details(summary, blocks)}`, part: 'class' });
    });
    if (plan.unassigned) {
      const { dangers, changes } = plan.unassigned;
      const blocks = [block('Dangers', dangers.map(dangerItem)), block('Changes', changeTable(changes))].filter((b) => b);
      pieces.push({ text: details(`Objects of no cluster: ${plural(changes.length, 'change')}`, blocks), part: 'unassigned' });
    }
  }
  // One cluster: its open details say it all, so the summary is left out when the details fit.
  const details = pieces.filter((p) => p.part === 'management' || p.part === 'cluster' || p.part === 'class' || p.part === 'unassigned');
  if (isSingle(plan) && !options.summaryOnly && head.length + details.reduce((n, p) => n + p.text.length, 0) + 1 <= limit) {
    return `${head}${details.map((p) => p.text.replace(p.part === 'class' ? '\n\n### ClusterClasses' : '\n\n### Clusters', '')).join('')}\n`;
  }
  const whole = head.length + pieces.reduce((n, p) => n + p.text.length, 0) + 1;
  if (whole <= limit) return `${head}${pieces.map((p) => p.text).join('')}\n`;

  // Too long: keep the pieces in order while they fit; the rest is left out, and the note says what.
  const out = [head];
  let length = head.length;
  let kept = 0;
  while (kept < pieces.length && length + pieces[kept].text.length <= limit - NOTE_ROOM) {
    out.push(pieces[kept].text);
    length += pieces[kept++].text.length;
  }
  return `${out.join('')}${cutNote(pieces.slice(kept), limit, plan.clusters.length)}\n`;
}

/** What a shortened markdown output left out, and how to get all of it. */
function cutNote(left: Piece[], limit: number, clusters: number): string {
  const count = (part: Piece['part']) => left.filter((p) => p.part === part).length;
  const what = [
    ...(count('danger') ? [`${plural(count('danger'), 'danger group')} of the summary`] : []),
    ...(count('summary') ? [`${plural(count('summary'), 'other group')} of the summary`] : []),
    ...(count('management') ? ['the management cluster\'s provider details'] : []),
    ...(count('cluster') ? [`the details of the last ${count('cluster')} of ${plural(clusters, 'cluster')} (from ${code(shown(left.find((p) => p.cluster)!.cluster!))} on)`] : []),
    ...(count('class') ? [`the details of ${plural(count('class'), 'ClusterClass', 'ClusterClasses')}`] : []),
    ...(count('unassigned') ? ['the objects of no cluster'] : []),
  ];
  return (
    `\n\n---\n\n**Shortened to fit one comment (${limit.toLocaleString('en-US')} characters).** Left out: ${what.join('; ')}. ` +
    'The JSON output (`capi-constructs plan --format json`) is always complete, and so is the text output (`--format text`).'
  );
}

function block(title: string, body: string[]): string {
  return body.length ? `**${title}**\n\n${body.join('\n')}` : '';
}

function changeTable(cs: Array<PlanChange & { namespace?: string }>): string[] {
  return cs.length
    ? table(
        ['Action', 'Kind', 'Name', 'Paths'],
        cs.map((ch) => [ch.action, html(ch.kind), code(ch.namespace ? `${ch.namespace}/${ch.name}` : ch.name), ch.paths.map(code).join(', ')]),
      )
    : [];
}

/** The management cluster's markdown details: dangers, the provider changes in order, other objects, what was not checked. */
function managementBlocks(p: PlanProviders): string[] {
  return [
    block('Dangers', p.dangers.map(dangerItem)),
    block(
      `Provider changes, ${PROVIDER_ORDER_NOTE}`,
      p.changes.length
        ? table(['Step', 'Change', 'Object', 'Contract', 'What the operator does'], p.changes.map((c) => [
          String(c.step),
          html(describeProviderChange(c)) + (c.action === 'upgrade' || c.action === 'downgrade' || c.action === 'reconfigure' ? `<br>${c.paths.map(code).join(', ')}` : ''),
          `${html(c.kind)} ${code(`${c.namespace}/${c.name}`)}`,
          html(contractText(c) || 'not checked'),
          html(c.effect),
        ]))
        : [],
    ),
    block('Changes', changeTable(p.objects)),
    block('Not checked', p.unchecked.map((u) => `- ${html(u)}`)),
  ].filter((b) => b);
}

/** The sections of one cluster's markdown details, each a block (empty ones left out). */
function clusterBlocks(c: PlanCluster): string[] {
  const why = (r: PlanRollout) => [html(r.reason), ...r.fieldChanges.map((f) => describeFieldChange(f, MARKDOWN)), ...(r.startsAt ? [startsAtLine(r.startsAt)] : [])].join('<br>');
  return [
    block('Dangers', c.dangers.map(dangerItem)),
    block(
      'Machines replaced',
      c.rollouts.length ? table(['Target', 'Object', 'Machines', 'Why'], c.rollouts.map((r) => [code(r.target), `${html(r.kind)} ${code(r.name)}`, describeMachines(r), why(r)])) : [],
    ),
    block(
      'Scaling (machines added or removed, none replaced)',
      c.scaling.map((s) => `- ${code(s.target)} ${html(s.kind)} ${code(s.name)}: ${describeScaling(s)}${s.note ? `; ${html(s.note)}` : ''}`),
    ),
    block(
      'Kubernetes versions',
      c.versions.length
        ? table(['Target', 'Object', 'From', 'To'], c.versions.map((v) => [code(v.target), `${html(v.kind)} ${code(v.name)}`, html(v.from ?? '(new)'), html(v.to ?? '(deleted)')]))
        : [],
    ),
    block('In place (no machine replaced)', c.inPlace.map((p) => `- ${code(p.target)} ${html(p.kind)} ${code(p.name)}: ${p.paths.map(code).join(', ')}`)),
    block('Changes', changeTable(c.changes)),
    block('Cleanup candidates', c.cleanup.map((t) => `- ${html(t.kind)} ${code(t.name)}: ${html(t.reason)}`)),
    block(EXTERNAL_TITLE, c.externalReferences.map((r) => `- ${code(r.object)} ${code(r.path)} → ${html(r.kind)} ${code(r.name)}`)),
  ].filter((b) => b);
}
