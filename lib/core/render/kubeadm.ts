/** kubeadm configuration pieces shared by the control plane and the pools. */
import { formatNodeLabelsFlag, NODE_LABELS_FLAG, parseNodeLabelsFlag } from '../node-labels';
import { MachineRole, ProviderKubeadmDefaults, ProviderMachineBootstrap } from '../provider';
import { KubeadmCommonSpec, KubeadmFile, MachineDeletionTimeouts, Taint } from '../spec';
import type { Manifest } from '../../capi';
import type { RenderContext } from './context';

/**
 * kubeadm `nodeRegistration`: node name, kubelet flags (provider defaults, then the user's, then
 * the ones the library derives) and taints. A user `node-labels` flag is merged with the derived
 * one, never replaced (validation has refused a label set to two values).
 */
export function nodeRegistration(defaults: ProviderKubeadmDefaults, spec: KubeadmCommonSpec, taints: readonly Taint[] | undefined, extraKubeletArgs: Record<string, string>): Record<string, unknown> {
  const flags = { ...defaults.kubeletExtraArgs, ...spec.kubeletExtraArgs, ...extraKubeletArgs };
  const userLabels = spec.kubeletExtraArgs?.[NODE_LABELS_FLAG];
  const derivedLabels = extraKubeletArgs[NODE_LABELS_FLAG];
  if (userLabels !== undefined && derivedLabels !== undefined) {
    flags[NODE_LABELS_FLAG] = formatNodeLabelsFlag([...new Map([...parseNodeLabelsFlag(userLabels), ...parseNodeLabelsFlag(derivedLabels)])]);
  }
  return {
    name: defaults.nodeName,
    kubeletExtraArgs: args(flags),
    // An empty list is kept on purpose: it removes kubeadm's default control-plane taint.
    taints: taints ? sortTaints(taints).map(t => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
  };
}

/**
 * The provider's files and commands for these machines (`machineBootstrap`); a user file at a
 * path the provider writes is reported at `specPath.files[i].path`.
 */
export function providerBootstrap(ctx: RenderContext, role: MachineRole, machineTemplate: Manifest, spec: KubeadmCommonSpec, specPath: string): ProviderMachineBootstrap {
  const bootstrap = ctx.provider.machineBootstrap?.(ctx.providerSpec, { role, clusterName: ctx.name, version: ctx.version, machineTemplateName: machineTemplate.metadata.name }) ?? {};
  const theirs = new Set((bootstrap.files ?? []).map(f => f.path));
  (spec.files ?? []).forEach((f, i) => {
    if (theirs.has(f.path)) {
      ctx.issues.push({ path: `${specPath}.files[${i}].path`, message: `the ${ctx.provider.id} provider writes this file on ${role} machines`, value: f.path, fix: 'write your file elsewhere, or change the provider setting that produces it' });
    }
  });
  return bootstrap;
}

/**
 * Files, commands, users and NTP: the parts of a KubeadmConfigSpec both machine kinds share.
 * The provider's files and commands come first.
 */
export function commonKubeadm(spec: KubeadmCommonSpec, provider: ProviderMachineBootstrap = {}): Record<string, unknown> {
  const files = [...(provider.files ?? []), ...(spec.files ?? [])];
  const list = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return {
    files: files.length > 0 ? files.map(file) : undefined,
    preKubeadmCommands: list(provider.preKubeadmCommands, spec.preKubeadmCommands),
    postKubeadmCommands: list(provider.postKubeadmCommands, spec.postKubeadmCommands),
    users: spec.users?.map(u => ({
      name: u.name,
      sshAuthorizedKeys: u.sshAuthorizedKeys ? [...u.sshAuthorizedKeys] : undefined,
      sudo: u.sudo,
      shell: u.shell,
      groups: u.groups,
      lockPassword: u.lockPassword,
      passwdFrom: u.passwordFromSecret ? { secret: { name: u.passwordFromSecret.name, key: u.passwordFromSecret.key } } : undefined,
    })),
    ntp: spec.ntpServers && spec.ntpServers.length > 0 ? { enabled: true, servers: [...spec.ntpServers] } : undefined,
  };
}

function file(f: KubeadmFile): Record<string, unknown> {
  return {
    path: f.path,
    content: f.content,
    contentFrom: f.contentFromSecret ? { secret: { name: f.contentFromSecret.name, key: f.contentFromSecret.key } } : undefined,
    permissions: f.permissions,
    owner: f.owner,
    encoding: f.encoding,
    append: f.append,
  };
}

/** kubeadm extraArgs are a list of `{name, value}` with unique names; sorted for stable output. */
export function args(record: Record<string, string> | undefined): Array<{ name: string; value: string }> | undefined {
  const entries = Object.entries(record ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return undefined;
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
}

export function deletionTimeouts(d: MachineDeletionTimeouts | undefined): Record<string, number> | undefined {
  return prune({ ...(d ?? {}) }) as Record<string, number> | undefined;
}

export function sortTaints(taints: readonly Taint[]): Taint[] {
  return [...taints].sort((a, b) => (`${a.key}:${a.effect}` < `${b.key}:${b.effect}` ? -1 : 1));
}

export function uniqueSorted(list: string[]): string[] | undefined {
  return list.length > 0 ? [...new Set(list)].sort() : undefined;
}

/**
 * Drops undefined values and the empty objects and lists they leave behind, which the v1beta2
 * CRDs reject (minProperties / minItems). `taints` lists are kept even when empty: there an
 * empty list means "no taints" and differs from an absent one.
 */
export function prune(value: any, key = ''): any {
  if (Array.isArray(value)) {
    const items = value.map(v => prune(v)).filter(v => v !== undefined);
    return items.length > 0 || key === 'taints' ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v, k);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}
