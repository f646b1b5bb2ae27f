/** Kubernetes name and label syntax (DNS-1123 labels and subdomains, qualified keys, label values). */
/** RFC 1123 label: what Kubernetes requires of namespaces and of label-safe names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: what Kubernetes requires of most object names. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;

/** Label value syntax: empty, or up to 63 alphanumerics with `-_.` inside. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Problems with a label or annotation key (`prefix/name`), or undefined when it is valid. */
export function qualifiedKeyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'the key is empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'a key has at most one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length > DNS1123_SUBDOMAIN_MAX || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `the prefix "${prefix}" must be a DNS subdomain (lowercase alphanumerics, '-' and '.', at most 253 characters)`;
    }
  }
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `the name part "${name}" must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** Problems with a label value, or undefined when it is valid. */
export function labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'a label value must be a string';
  if (value.length > 63) return `a label value has at most 63 characters (this one has ${value.length})`;
  if (!LABEL_VALUE.test(value)) return "a label value may only hold alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric";
  return undefined;
}

/** Problems with an object name that must be a DNS-1123 label (or subdomain), or undefined. */
export function objectNameProblem(name: string, kind: 'label' | 'subdomain'): string | undefined {
  const max = kind === 'label' ? DNS1123_LABEL_MAX : DNS1123_SUBDOMAIN_MAX;
  const re = kind === 'label' ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (typeof name !== 'string' || name.length === 0) return 'the name is empty';
  if (name.length > max) return `the name has ${name.length} characters; at most ${max} are allowed`;
  if (!re.test(name)) {
    return kind === 'label'
      ? "the name must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit"
      : "the name must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}
