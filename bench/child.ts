/**
 * Runs one benchmark case in this process: `node child.js <case-id> <clusters>`.
 * Preparation (generating specs, pre-rendering a baseline's manifests, installing mocks) is
 * not timed; the wall time covers the case's work only. Peak RSS is the process's maximum
 * resident set size, preparation included. The result goes to the parent over IPC (or to
 * stdout as JSON when run by hand).
 */
import { performance } from 'perf_hooks';
import { findCase } from './cases';

export interface ChildResult {
  readonly id: string;
  readonly size: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  readonly objects: number;
  readonly bytes?: number;
}

async function main(): Promise<void> {
  const [id, sizeText] = process.argv.slice(2);
  const size = Number(sizeText);
  if (!id || !Number.isInteger(size) || size < 1) throw new Error('usage: child <case-id> <clusters>');
  const prepared = await findCase(id).prepare(size);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await prepared.work();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
  const output = prepared.output();
  prepared.cleanup?.();
  const result: ChildResult = { id, size, ms, cpuMs, maxRssMiB, ...output };
  if (process.send) process.send(result, () => process.exit(0));
  else {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
