/**
 * Inputs in component args: which leaves may hold them (the providers' `inputLeaves`), and the
 * walk that replaces them by placeholders the core validates and renders. Private to lib/pulumi.
 */
import * as pulumi from '@pulumi/pulumi';
import { providerOf, registeredProviders } from '../core';
import { ValidationIssue } from '../support/issues';

/** Where a Pulumi Input went in the spec handed to the core, and what replaces it at apply time. */
export interface InputSlot {
  /** Property path in the args, e.g. `infrastructure.aws.network.existing.subnetIds[1]`. */
  readonly path: string;
  /** The plain string the core saw instead of the Input. */
  readonly placeholder: string;
  /** The Input itself. */
  readonly value: pulumi.Input<unknown>;
  /** True when the placeholder stands for a whole list (its list item is repeated per element). */
  readonly list: boolean;
}

/** A leaf that may hold an Input, by its full path in the args, with the placeholder pattern the core accepts there. */
export interface InputLeaf {
  readonly path: string;
  placeholder(n: number): string;
  readonly listItems?: boolean;
}

/**
 * The Input leaves of the registered providers, as paths under `prefix` + `infrastructure.<id>`.
 * When `infrastructure` names exactly one known provider, only its leaves; otherwise every
 * provider's (the core then reports the provider sections).
 */
export function inputLeavesOf(infrastructure: unknown, prefix = ''): InputLeaf[] {
  const chosen = infrastructure && typeof infrastructure === 'object' ? providerOf(infrastructure) : undefined;
  return (chosen ? [chosen] : registeredProviders()).flatMap(p => (p.inputLeaves ?? []).map(l => ({
    path: `${prefix}infrastructure.${p.id}.${l.path}`,
    placeholder: (n: number) => l.placeholder(n),
    listItems: l.listItems,
  })));
}

/** True for a value Pulumi resolves later: an Output or a Promise (any thenable). */
export function isUnresolvedInput(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || (typeof value === 'object' && value !== null && typeof (value as any).then === 'function');
}

/**
 * Replaces the Inputs at `leaves` in `root` by placeholders, and reports (and drops) Inputs
 * anywhere else. Pulumi resources are kept as they are, not walked.
 */
export function takeInputs(root: unknown, leaves: readonly InputLeaf[]): { value: unknown; slots: InputSlot[]; issues: ValidationIssue[] } {
  const slots: InputSlot[] = [];
  const issues: ValidationIssue[] = [];
  const allowed = leaves.map(l => l.path);
  const walk = (value: unknown, path: string): unknown => {
    const leaf = leaves.find(l => l.path === path);
    if (leaf && isUnresolvedInput(value)) {
      const placeholder = leaf.placeholder(slots.length + 1);
      slots.push({ path, placeholder, value, list: !!leaf.listItems });
      return leaf.listItems ? [placeholder] : placeholder;
    }
    const itemLeaf = leaves.find(l => l.listItems && path.startsWith(`${l.path}[`) && /^\[\d+\]$/.test(path.slice(l.path.length)));
    if (itemLeaf && isUnresolvedInput(value)) {
      const placeholder = itemLeaf.placeholder(slots.length + 1);
      slots.push({ path, placeholder, value, list: false });
      return placeholder;
    }
    if (isUnresolvedInput(value)) {
      issues.push({
        path,
        message: 'a Pulumi Output or Promise is not allowed here: template content and object names must be plain values, or the template name (a hash of its spec) would be unknown and unstable',
        value: '(Pulumi Output)',
        allowed: allowed.length > 0 ? `Inputs only at ${allowed.join(', ')}` : 'no Inputs: this provider has no late-bound leaves',
        fix: 'pass a plain value: a constant or a stack config value',
      });
      return undefined;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`));
    if (value && typeof value === 'object' && !pulumi.Resource.isInstance(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, path ? `${path}.${k}` : k);
      // Keep class instances (e.g. KubernetesVersion) recognisable to the core.
      return Object.getPrototypeOf(value) === Object.prototype ? out : Object.assign(Object.create(Object.getPrototypeOf(value)), out);
    }
    return value;
  };
  return { value: walk(root, ''), slots, issues };
}

