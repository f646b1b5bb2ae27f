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

