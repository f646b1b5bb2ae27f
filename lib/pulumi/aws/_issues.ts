import * as pulumi from '@pulumi/pulumi';

/**
 * One problem with a component's arguments: which property, and a reason that says what is wrong,
 * the value given, what is allowed and how to fix it. Same shape as Pulumi's `InputPropertyErrorDetails`.
 */
export interface PropertyIssue {
  readonly propertyPath: string;
  readonly reason: string;
}

/** Quotes a value for an error message: strings in JSON quotes, the rest as compact JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Throws one `pulumi.InputPropertiesError` carrying every issue, or returns when there is none.
 * The message lists every issue too, so a CI log shows them all even where the structured errors
 * are not rendered.
 */
export function throwIfIssues(type: string, name: string, issues: readonly PropertyIssue[]): void {
  if (issues.length === 0) return;
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const lines = issues.map(i => `  - ${i.propertyPath}: ${i.reason}`).join('\n');
  throw new pulumi.InputPropertiesError({
    message: `Invalid arguments for ${type} "${name}": ${count}:\n${lines}`,
    errors: issues.map(i => ({ propertyPath: i.propertyPath, reason: i.reason })),
  });
}

/** True for a plain (not Output/Promise) value that is set. Used to validate only what is known now. */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
  return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
