/** Validation of the kubeadm settings the control plane and the pools share, and of machine sections. */
import { checkEnum, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { labelValueProblem, qualifiedKeyProblem } from '../../support/names';
import { kubeletMaySet, NODE_LABELS_FLAG, parseNodeLabelsFlag } from '../node-labels';
import { findProvider, MachineRole } from '../provider';
import { KubeadmCommonSpec, MachineSpec } from '../spec';
import { checkArgs, checkSecretRef } from './_checks';

const PERMISSIONS = /^0?[0-7]{3}$|^[0-7]{4}$/;

export function validateMachine(report: IssueSink, path: string, machine: MachineSpec | undefined, providerId: string | undefined, role: MachineRole): void {
  if (!machine || !providerId) return;
  for (const key of Object.keys(machine)) {
    if ((machine as Record<string, unknown>)[key] !== undefined && key !== providerId) {
      report({ path: `${path}.${key}`, message: `machine settings for provider "${key}" on a cluster that uses "${providerId}"`, allowed: providerId, fix: `move the settings to ${path}.${providerId}` });
    }
  }
  findProvider(providerId)?.validateMachine((machine as Record<string, unknown>)[providerId], role, issue => report({ ...issue, path: `${path}.${providerId}.${issue.path}` }));
}

export function validateKubeadmCommon(report: IssueSink, spec: KubeadmCommonSpec): void {
  const files = spec.files ?? [];
  checkFilePaths(report, 'files', files);
  files.forEach((f, i) => {
    const p = `files[${i}]`;
    if ((f.content === undefined) === (f.contentFromSecret === undefined)) {
      report({ path: p, message: 'set exactly one of content or contentFromSecret', fix: 'use contentFromSecret for anything secret' });
    }
    if (f.content === '') report({ path: `${p}.content`, message: 'must not be empty', fix: 'remove the file or give it content' });
    if (f.contentFromSecret) checkSecretRef(report, `${p}.contentFromSecret`, f.contentFromSecret);
    if (f.permissions !== undefined && !PERMISSIONS.test(f.permissions)) {
      report({ path: `${p}.permissions`, message: 'must be octal permissions written as a string', value: f.permissions, allowed: "e.g. '0644', '0600'", fix: 'quote the permissions in your source' });
    }
    checkEnum(report, `${p}.encoding`, f.encoding, ['base64', 'gzip', 'gzip+base64'], 'encoding');
    checkNonEmptyString(report, `${p}.owner`, f.owner);
  });
  for (const key of ['preKubeadmCommands', 'postKubeadmCommands'] as const) {
    (spec[key] ?? []).forEach((c, i) => checkNonEmptyString(report, `${key}[${i}]`, c));
  }
  const users = new Set<string>();
  (spec.users ?? []).forEach((u, i) => {
    checkNonEmptyString(report, `users[${i}].name`, u.name ?? '');
    if (users.has(u.name)) report({ path: `users[${i}].name`, message: 'duplicate user', value: u.name });
    users.add(u.name);
    if ((u as any).passwd !== undefined || (u as any).password !== undefined) report({ path: `users[${i}]`, ...PLAIN_PASSWORD });
    if (u.passwordFromSecret) checkSecretRef(report, `users[${i}].passwordFromSecret`, u.passwordFromSecret);
  });
  (spec.ntpServers ?? []).forEach((s, i) => checkNonEmptyString(report, `ntpServers[${i}]`, s));
  checkArgs(report, 'kubeletExtraArgs', spec.kubeletExtraArgs);
}

/** Longest inline file content: the CRD's `files[].content` maxLength (cluster-api v1.14.0 KubeadmConfigSpec). */
const MAX_FILE_CONTENT = 10240;

/**
 * File paths of one kubeadm config: absolute, and each written once. Once even with `append`:
 * cluster-api v1.14.0 bootstrap/kubeadm/webhooks/admission/kubeadmconfig.go validateFiles
 * refuses any repeated path ("path property must be unique among all files").
 */
function checkFilePaths(report: IssueSink, path: string, files: ReadonlyArray<{ path?: unknown; content?: unknown }>): void {
  const seen = new Map<unknown, number>();
  files.forEach((f, i) => {
    const at = `${path}[${i}]`;
    if (typeof f?.path !== 'string' || !f.path.startsWith('/')) {
      report({ path: `${at}.path`, message: 'must be an absolute path', value: f?.path, fix: 'start the path with /' });
    } else if (seen.has(f.path)) {
      report({ path: `${at}.path`, message: `another file writes the same path (${path}[${seen.get(f.path)}]); CAPI's bootstrap webhook refuses a repeated path, with append too`, value: f.path, fix: 'merge the two files into one' });
    } else {
      seen.set(f.path, i);
    }
    if (typeof f?.content === 'string' && f.content.length > MAX_FILE_CONTENT) {
      report({ path: `${at}.content`, message: `content has ${f.content.length} characters; kubeadm configs hold at most ${MAX_FILE_CONTENT}`, fix: 'move large content into a Secret and use contentFromSecret' });
    }
  });
}

const PLAIN_PASSWORD = { message: 'plain-text passwords are refused: they would be written to Git and to the management cluster', fix: 'store the hashed password in a Secret and use passwordFromSecret' };

/**
 * Credential fields of a KubeadmConfigSpec (cluster-api v1.14.0 api/bootstrap/kubeadm/v1beta2/kubeadm_types.go)
 * that would put secret material into Git and into the management cluster in plain text. CAPI
 * generates and rotates the bootstrap tokens itself; a password goes through `passwdFrom`.
 */
const CREDENTIAL_FIELDS: Array<{ path: string[]; list?: string; what: string; fix: string }> = [
  { path: ['users'], list: 'passwd', what: PLAIN_PASSWORD.message, fix: PLAIN_PASSWORD.fix },
  { path: ['initConfiguration', 'bootstrapTokens'], list: 'token', what: 'bootstrap tokens are credentials: CAPI generates and rotates them, and a fixed one would be written to Git', fix: 'remove it; CAPI creates the join token' },
  { path: ['joinConfiguration', 'discovery', 'bootstrapToken', 'token'], what: 'the join token is a credential: CAPI generates and rotates it, and a fixed one would be written to Git', fix: 'remove it; CAPI creates the join token' },
  { path: ['joinConfiguration', 'discovery', 'tlsBootstrapToken'], what: 'the TLS bootstrap token is a credential and would be written to Git', fix: 'remove it; CAPI creates the join token' },
  { path: ['joinConfiguration', 'discovery', 'file', 'kubeConfig', 'user', 'authProvider'], what: 'an auth provider configuration holds credentials and would be written to Git', fix: 'use exec, which runs a command to get the credential on the machine' },
];

/**
 * The rules of a rendered KubeadmConfigSpec (in a KubeadmControlPlane or KubeadmConfigTemplate)
 * after overrides: file paths, and no credential field set. The issues never echo a value.
 */
export function checkKubeadmConfigObject(report: IssueSink, path: string, spec: Record<string, any>): void {
  checkFilePaths(report, `${path}.files`, Array.isArray(spec.files) ? spec.files : []);
  for (const field of CREDENTIAL_FIELDS) {
    const value = field.path.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), spec);
    const at = `${path}.${field.path.join('.')}`;
    if (field.list) {
      (Array.isArray(value) ? value : []).forEach((item, i) => {
        if (item && typeof item === 'object' && item[field.list!] !== undefined) report({ path: `${at}[${i}].${field.list}`, message: field.what, fix: field.fix });
      });
    } else if (value !== undefined) {
      report({ path: at, message: field.what, fix: field.fix });
    }
  }
}

/**
 * The kubelet and controller-manager flags a user sets, against what the library generates:
 * a provider's required flag cannot be changed, and a raw `node-labels` flag obeys the rules of
 * `nodeLabels` (NodeRestriction) and may not give a label of `nodeLabels` another value (the
 * two are merged when rendering).
 */
export function checkGeneratedFlags(report: IssueSink, spec: KubeadmCommonSpec & { controllerManagerExtraArgs?: Record<string, string> }, providerId: string | undefined, nodeLabels: Record<string, string> = {}): void {
  const defaults = providerId ? findProvider(providerId)?.kubeadmDefaults : undefined;
  for (const flag of defaults?.required?.flags ?? []) {
    for (const [key, ours] of [['kubeletExtraArgs', defaults!.kubeletExtraArgs], ['controllerManagerExtraArgs', defaults!.controllerManagerExtraArgs]] as const) {
      const theirs = spec[key]?.[flag];
      if (ours?.[flag] !== undefined && theirs !== undefined && theirs !== ours[flag]) {
        report({ path: `${key}.${flag}`, message: `the ${providerId} provider needs ${flag}=${ours[flag]}: ${defaults!.required!.why}`, value: theirs, allowed: ours[flag], fix: `remove ${key}.${flag}; the library sets it` });
      }
    }
  }
  const flag = spec.kubeletExtraArgs?.[NODE_LABELS_FLAG];
  if (typeof flag !== 'string') return;
  const at = `kubeletExtraArgs.${NODE_LABELS_FLAG}`;
  for (const [key, value] of parseNodeLabelsFlag(flag)) {
    const keyProblem = qualifiedKeyProblem(key);
    const valueProblem = labelValueProblem(value);
    if (keyProblem || valueProblem) {
      report({ path: at, message: `invalid label ${key}=${value}: ${keyProblem ?? valueProblem}`, value: flag });
    } else if (!kubeletMaySet(key)) {
      report({ path: at, message: `the kubelet may not set ${key} (NodeRestriction) and would refuse to start`, value: flag, fix: 'use your own domain, or put node-role.kubernetes.io/<role> in nodeLabels (CAPI syncs it)' });
    } else if (nodeLabels[key] !== undefined && nodeLabels[key] !== value) {
      report({ path: at, message: `sets ${key}=${value}, but nodeLabels sets it to "${nodeLabels[key]}"; the two are merged, so one label cannot take both values`, value: flag, fix: `keep ${key} in nodeLabels only` });
    }
  }
}
