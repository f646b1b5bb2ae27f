/** Validation of `machineNaming` templates (KubeadmControlPlane and MachineDeployment). */
import { IssueSink } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { MachineNamingSpec } from '../spec';

/** Who names the machines: the variables CAPI's name generator offers differ. */
export type MachineNamer = 'control-plane' | 'pool';

/**
 * The data CAPI's webhooks render a template with to check it: the same placeholder names
 * (cluster-api v1.14.0 controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go
 * validateNaming, core/webhooks/admission/machinedeployment.go validateMDMachineNaming; the
 * variables from internal/topology/names/names.go KCPMachineNameGenerator,
 * MachineSetMachineNameGenerator and newTemplateGenerator).
 */
const VARIABLES: Record<MachineNamer, Record<string, string>> = {
  'control-plane': { 'cluster.name': 'cluster', 'kubeadmControlPlane.name': 'kubeadmcontrolplane', random: 'b2d4f' },
  pool: { 'cluster.name': 'cluster', 'machineSet.name': 'machineset', random: 'b2d4f' },
};

// internal/topology/names/names.go: maxNameLength 63, randomLength 5.
const MAX_NAME = 63;
const RANDOM_LENGTH = 5;
// The CRD's maxLength of spec.machineNaming.template.
const MAX_TEMPLATE = 256;
const RANDOM = '{{ .random }}';

/** The name `template` renders to, or why it does not render. Only `{{ .variable }}` actions are supported. */
function render(template: string, variables: Record<string, string>): { name: string } | { problem: string } {
  let out = '';
  let trimNext = false;
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    const text = open < 0 ? rest : rest.slice(0, open);
    out += trimNext ? text.trimStart() : text;
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return { problem: `unclosed action: "${rest.slice(open)}" has no closing }}` };
    let action = rest.slice(open + 2, close);
    // Go's trim markers: "{{- " trims the space before the action, " -}}" the space after it.
    if (/^-\s/.test(action)) { out = out.trimEnd(); action = action.slice(1); }
    trimNext = /\s-$/.test(action);
    if (trimNext) action = action.slice(0, -1);
    const variable = /^\s*\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*$/.exec(action)?.[1];
    if (variable === undefined) return { problem: `only variables such as {{ .cluster.name }} are supported, not "{{${action}}}"` };
    if (!(variable in variables)) return { problem: `unknown variable .${variable}` };
    out += variables[variable];
    rest = rest.slice(close + 2);
  }
  // names.go GenerateName: a name longer than 63 characters is cut to 58 plus a random suffix.
  return { name: out.length > MAX_NAME ? out.slice(0, MAX_NAME - RANDOM_LENGTH) + variables.random : out };
}

/**
 * The template must contain `{{ .random }}` (spelled exactly so: CAPI looks for that text), use
 * only the variables CAPI offers and render to a DNS-1123 subdomain. Deliberately stricter than
 * CAPI: Go template functions and pipelines (`{{ printf ... }}`) are refused, since names are
 * meant to be read and the library cannot evaluate them.
 */
export function checkMachineNaming(report: IssueSink, path: string, naming: MachineNamingSpec | undefined, namer: MachineNamer): void {
  if (naming === undefined) return;
  const template = naming.template;
  const at = `${path}.template`;
  const variables = VARIABLES[namer];
  const allowed = Object.keys(variables).map(v => `{{ .${v} }}`).join(', ');
  if (typeof template !== 'string' || template.length === 0) {
    report({ path: at, message: 'must be a non-empty name template', value: template, allowed, fix: `e.g. "{{ .cluster.name }}-${namer === 'pool' ? 'worker' : 'cp'}-{{ .random }}", or leave machineNaming out` });
    return;
  }
  if (template.length > MAX_TEMPLATE) {
    report({ path: at, message: `has ${template.length} characters; at most ${MAX_TEMPLATE} are allowed`, value: template });
  }
  if (!template.includes(RANDOM)) {
    report({ path: at, message: 'invalid template, {{ .random }} is missing', value: template, fix: 'add {{ .random }} (with these spaces): machine names must be unique' });
  }
  const rendered = render(template, variables);
  if ('problem' in rendered) {
    report({ path: at, message: `invalid template: ${rendered.problem}`, value: template, allowed });
    return;
  }
  const problem = objectNameProblem(rendered.name, 'subdomain');
  if (problem) {
    report({
      path: at, message: `invalid template, generated names would not be valid Kubernetes object names: ${problem}`, value: template,
      allowed: `lowercase letters, digits, '-' and '.' around the variables ${allowed}`, fix: `it renders to "${rendered.name}" for a cluster named "cluster"`,
    });
  }
}
