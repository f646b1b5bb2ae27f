/**
 * One problem found in the user's input. Every field is meant for a human reading a CI log:
 * where (path), what is wrong (message), what was given (value), what would be accepted
 * (allowed) and how to fix it (fix).
 */
export interface ValidationIssue {
  /** Dotted path of the offending prop, e.g. `workerPools[1].autoscaling.min`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The value that was given, if any. */
  readonly value?: unknown;
  /** What would be accepted. */
  readonly allowed?: string;
  /** How to fix it. */
  readonly fix?: string;
}

/** Formats one issue as a single line: `path: message (got X; allowed: Y). Fix: Z`. */
export function formatIssue(issue: ValidationIssue): string {
  const details: string[] = [];
  if (issue.value !== undefined) details.push(`got ${describeValue(issue.value)}`);
  if (issue.allowed) details.push(`allowed: ${issue.allowed}`);
  let line = `${issue.path}: ${issue.message}`;
  if (details.length > 0) line += ` (${details.join('; ')})`;
  if (issue.fix) line += `. Fix: ${issue.fix}`;
  return line;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * The single error type the core throws for bad input. It carries every problem found, so a
 * user fixes them all in one round instead of one per run.
 */
export class CapiValidationError extends Error {
  /** True for any CapiValidationError, also across copies of this package. */
  public static isCapiValidationError(x: unknown): x is CapiValidationError {
    return typeof x === 'object' && x !== null && (x as any)[VALIDATION_ERROR_SYMBOL] === true;
  }

  public readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject?: string) {
    const head = subject ? `Invalid ${subject}` : 'Invalid input';
    super(`${head}: ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` + issues.map(i => `  - ${formatIssue(i)}`).join('\n'));
    this.name = 'CapiValidationError';
    this.issues = issues;
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

const VALIDATION_ERROR_SYMBOL = Symbol.for('capi-constructs.CapiValidationError');

/** Reports one problem; paths are relative to the object being checked. */
export type IssueSink = (issue: ValidationIssue) => void;
