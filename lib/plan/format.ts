/** Renders a plan as terminal text, as markdown for a pull-request comment, or as JSON. */
import { CONTROL_PLANE_TARGET } from './machines';
import { Plan, PlanChange, PlanDanger, PlanFormat, PlanInputError, PlanRollout } from './types';

export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

/** Renders `plan` in `format`; every format ends with a newline. */
export function formatPlan(plan: Plan, format: PlanFormat = 'text'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'markdown':
      return formatMarkdown(plan);
    case 'text':
      return formatText(plan);
    default:
      throw new PlanInputError(`unknown format "${String(format)}": use one of ${PLAN_FORMATS.join(', ')}`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Every danger of the plan, cluster ones first. */
export function planDangers(plan: Plan): PlanDanger[] {
  return [...plan.clusters.flatMap((c) => c.dangers), ...(plan.unassigned?.dangers ?? [])];
}

function summary(plan: Plan): string {
  const rollouts = plan.clusters.reduce((n, c) => n + c.rollouts.length, 0);
  return [
    plural(planDangers(plan).length, 'danger'),
    plural(rollouts, 'machine rollout'),
    plural(plan.clusters.length, 'cluster') + ' affected',
  ].join(', ');
}

function isEmpty(plan: Plan): boolean {
  return plan.clusters.length === 0 && !plan.unassigned;
}

const EMPTY = 'No changes: no object changes and no machine is replaced.';

/** How many machines go and how, in words. */
export function describeMachines(r: PlanRollout): string {
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

/** References to objects managed outside the manifests: shown as information, never as dangers. */
const EXTERNAL_TITLE = 'External references (managed outside these manifests; not checked: plan --live checks them)';

const ACTION_MARK: Record<PlanChange['action'], string> = { created: '+', updated: '~', deleted: '-' };

function formatText(plan: Plan): string {
  if (isEmpty(plan)) return `${EMPTY}\n`;
  const lines = [`Plan: ${summary(plan)}.`];
  const section = (title: string, rows: string[]) => {
    if (rows.length) lines.push(`  ${title}:`, ...rows.map((r) => `    ${r}`));
  };
  for (const c of plan.clusters) {
    lines.push('', `Cluster ${c.namespace}/${c.cluster}`);
    section('Dangers', c.dangers.map((d) => `! ${d.code} ${d.object}: ${d.message}`));
    section(
      'Machines replaced',
      c.rollouts.flatMap((r) => [`${r.target} (${r.kind} ${r.name}): ${describeMachines(r)}`, `  because: ${r.reason}`]),
    );
    section('Kubernetes versions', c.versions.map((v) => `${v.target} (${v.kind} ${v.name}): ${v.from ?? '(new)'} → ${v.to ?? '(deleted)'}`));
    section('In place (no machine replaced)', c.inPlace.map((p) => `${p.target} (${p.kind} ${p.name}): ${p.paths.join(', ')}`));
    section('Changes', c.changes.map(textChange));
    section('Cleanup candidates', c.cleanup.map((t) => `${t.kind} ${t.name}: ${t.reason}`));
    section(EXTERNAL_TITLE, c.externalReferences.map((r) => `${r.object} ${r.path} → ${r.kind}/${r.name}`));
  }
  if (plan.unassigned) {
    lines.push('', 'Objects of no cluster');
    section('Dangers', plan.unassigned.dangers.map((d) => `! ${d.code} ${d.object}: ${d.message}`));
    section('Changes', plan.unassigned.changes.map(textChange));
  }
  return `${lines.join('\n')}\n`;
}

function textChange(ch: PlanChange & { namespace?: string }): string {
  const ns = ch.namespace ? ` (namespace ${ch.namespace})` : '';
  const paths = ch.paths.length ? `: ${ch.paths.join(', ')}` : '';
  return `${ACTION_MARK[ch.action]} ${ch.kind} ${ch.name}${ns}${paths}`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function formatMarkdown(plan: Plan): string {
  const lines = ['## capi-constructs plan', ''];
  if (isEmpty(plan)) return `${[...lines, EMPTY].join('\n')}\n`;
  lines.push(summary(plan));
  const block = (title: string, body: string[]) => {
    if (body.length) lines.push('', `**${title}**`, '', ...body);
  };
  const dangerList = (ds: PlanDanger[]) => ds.map((d) => `- **${d.code}** ${code(d.object)}: ${d.message}`);
  const changeTable = (cs: Array<PlanChange & { namespace?: string }>) =>
    cs.length
      ? table(
          ['Action', 'Kind', 'Name', 'Paths'],
          cs.map((ch) => [ch.action, ch.kind, code(ch.namespace ? `${ch.namespace}/${ch.name}` : ch.name), ch.paths.map(code).join(', ')]),
        )
      : [];
  for (const c of plan.clusters) {
    lines.push('', `### Cluster ${code(`${c.namespace}/${c.cluster}`)}`);
    block('Dangers', dangerList(c.dangers));
    block(
      'Machines replaced',
      c.rollouts.length
        ? table(
            ['Target', 'Object', 'Machines', 'Why'],
            c.rollouts.map((r) => [code(r.target), `${r.kind} ${code(r.name)}`, describeMachines(r), r.reason]),
          )
        : [],
    );
    block(
      'Kubernetes versions',
      c.versions.length
        ? table(['Target', 'Object', 'From', 'To'], c.versions.map((v) => [code(v.target), `${v.kind} ${code(v.name)}`, v.from ?? '(new)', v.to ?? '(deleted)']))
        : [],
    );
    block('In place (no machine replaced)', c.inPlace.map((p) => `- ${code(p.target)} ${p.kind} ${code(p.name)}: ${p.paths.map(code).join(', ')}`));
    block('Changes', changeTable(c.changes));
    block('Cleanup candidates', c.cleanup.map((t) => `- ${t.kind} ${code(t.name)}: ${t.reason}`));
    block(EXTERNAL_TITLE, c.externalReferences.map((r) => `- ${code(r.object)} ${code(r.path)} → ${r.kind} ${code(r.name)}`));
  }
  if (plan.unassigned) {
    lines.push('', '### Objects of no cluster');
    block('Dangers', dangerList(plan.unassigned.dangers));
    block('Changes', changeTable(plan.unassigned.changes));
  }
  return `${lines.join('\n')}\n`;
}
