/** What a command reads and writes: standard output and error, and the working folder. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Folder that relative paths and git are resolved against. */
  readonly cwd: string;
}

export const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** A wrong command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}


/**
 * Reads a command line as every command does: `--` ends the options, an option's value follows
 * it (`--format json`) or is joined with `=` (`--format=json`, only for options in
 * `valueOptions`), and anything else is a positional. Calls `option` for each option with a
 * `value()` that takes its value, and `next()` that takes the following token only when it is no
 * option (for an option with a second, optional value); returns the positionals in order.
 */
export function readArgs(
  argv: readonly string[], valueOptions: ReadonlySet<string>, option: (name: string, value: () => string, next: () => string | undefined) => void,
): string[] {
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    if (inline !== undefined && !valueOptions.has(name)) throw new UsageError(`${name} takes no value`);
    option(name, () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    }, () => (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : undefined));
  }
  return positionals;
}

/** A number of seconds greater than 0 given to `name` (`--request-timeout 30`, `--deadline 1.5`). */
export function secondsOption(name: string, text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0) throw new UsageError(`${name} takes a number of seconds greater than 0, not "${text}"`);
  return seconds;
}
