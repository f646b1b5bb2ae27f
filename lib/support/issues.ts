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
  const { path, message, value, allowed, fix } = safeIssue(issue);
  const details: string[] = [];
  if (value !== undefined) details.push(`got ${describeValue(value)}`);
  if (allowed) details.push(`allowed: ${allowed}`);
  let line = `${path}: ${message}`;
  if (details.length > 0) line += ` (${details.join('; ')})`;
  if (fix) line += `. Fix: ${fix}`;
  return line;
}

/** Longest value, word or path echoed in a message; longer ones are cut and their length said. */
export const MAX_ECHOED_CHARACTERS = 120;

/**
 * Fields whose values are credentials or may hold them: passwords, tokens, keys, secret data,
 * file contents. An issue at such a path never shows its value.
 */
const CREDENTIAL_FIELD = /passw|token|secret(?!ref|name)|credential|accesskey|privatekey|externalid|^content$|^data$|^stringdata$/i;

/** True when the last field of `path` (list indexes aside) is a credential field. */
export function isCredentialPath(path: string): boolean {
  const last = path.replace(/\[\d+\]/g, '').split('.').pop() ?? '';
  return CREDENTIAL_FIELD.test(last);
}

/**
 * The issue as it may travel: its value masked when it sits at a credential path, a long string
 * value cut, and every overlong word of its texts (a huge name in a path or message) cut.
 */
export function safeIssue(issue: ValidationIssue): ValidationIssue {
  let value = issue.value;
  if (value !== undefined && isCredentialPath(issue.path)) value = MASKED;
  else if (typeof value === 'string' && value.length > MAX_ECHOED_CHARACTERS) value = cut(value, value.length);
  const out: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = { path: shorten(issue.path), message: shorten(issue.message) };
  if (value !== undefined) out.value = value;
  if (issue.allowed !== undefined) out.allowed = shorten(issue.allowed, 400);
  if (issue.fix !== undefined) out.fix = shorten(issue.fix);
  return out;
}

/** What a masked value reads as. */
const MASKED = '(hidden: credential)';

function describeValue(value: unknown): string {
  if (value === MASKED) return MASKED;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return `(a ${typeof value})`;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return cut(text);
  } catch {
    return cut(String(value));
  }
}

function cut(text: string, length = text.length, max = MAX_ECHOED_CHARACTERS): string {
  return text.length > max ? `${text.slice(0, max - 3)}... (${length} characters)` : text;
}

/** `text` with every run of more than `max` characters without a space cut (a huge name in a path or message). */
function shorten(text: string, max = MAX_ECHOED_CHARACTERS): string {
  if (text.length <= max) return text;
  // Split by hand: a regular expression over a 10 MB word overflows the stack.
  return text.split(' ').map(word => cut(word, word.length, max)).join(' ');
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
    // Masked here too: the issues travel (JSON logs, Pulumi property errors) beyond this message.
    this.issues = issues.map(safeIssue);
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

const VALIDATION_ERROR_SYMBOL = Symbol.for('capi-constructs.CapiValidationError');

/** Reports one problem; paths are relative to the object being checked. */
export type IssueSink = (issue: ValidationIssue) => void;
