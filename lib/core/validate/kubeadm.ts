/** Validation of the kubeadm settings the control plane and the pools share, and of machine sections. */
import { checkEnum, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
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
  const paths = new Set<string>();
  files.forEach((f, i) => {
    const p = `files[${i}]`;
    if (typeof f.path !== 'string' || !f.path.startsWith('/')) report({ path: `${p}.path`, message: 'must be an absolute path', value: f.path, fix: 'start the path with /' });
    else if (paths.has(f.path) && !f.append) report({ path: `${p}.path`, message: 'another file writes the same path', value: f.path, fix: 'merge the two files or set append' });
    paths.add(f.path);
    if ((f.content === undefined) === (f.contentFromSecret === undefined)) {
      report({ path: p, message: 'set exactly one of content or contentFromSecret', fix: 'use contentFromSecret for anything secret' });
    }
    if (typeof f.content === 'string' && f.content.length > 10240) {
      report({ path: `${p}.content`, message: `content has ${f.content.length} characters; kubeadm configs hold at most 10240`, fix: 'move large content into a Secret and use contentFromSecret' });
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
    if ((u as any).passwd !== undefined || (u as any).password !== undefined) {
      report({ path: `users[${i}]`, message: 'plain-text passwords are refused: they would be written to Git and to the management cluster', fix: 'store the hashed password in a Secret and use passwordFromSecret' });
    }
    if (u.passwordFromSecret) checkSecretRef(report, `users[${i}].passwordFromSecret`, u.passwordFromSecret);
  });
  (spec.ntpServers ?? []).forEach((s, i) => checkNonEmptyString(report, `ntpServers[${i}]`, s));
  checkArgs(report, 'kubeletExtraArgs', spec.kubeletExtraArgs);
}
