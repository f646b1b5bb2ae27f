/**
 * Runs the stacks/ Pulumi program under mocks (no Pulumi CLI or plugin needed) for each stack file
 * and writes every Kubernetes object it registers as YAML, one file per stack:
 *
 *   npx ts-node --transpile-only scripts/pulumi-manifests.ts <out-dir> [stack...]
 *
 * writes `<out-dir>/pulumi-dev.yaml` and `<out-dir>/pulumi-aws.yaml` (stacks default to dev and
 * aws). Each stack runs in its own process, because Pulumi's runtime state is process-global.
 * Values of core/v1 Secrets are written as `(secret)`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Manifest, toYaml } from '../lib';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_STACKS = ['dev', 'aws'];
const CHILD_FLAG = '--one-stack';

async function runOne(stack: string, outFile: string): Promise<void> {
  // Mocks first, then the program (startStack requires stacks/ after installing them).
  const { registeredManifests, settle } = await import('../lib/pulumi/testing');
  const { startStack } = await import('../tools/stack-runner');
  const run = startStack(stack);
  await settle(run.registered);
  const manifests = registeredManifests(run.registered) as Manifest[];
  if (manifests.length === 0) throw new Error(`stack ${stack} registered no Kubernetes object`);
  fs.writeFileSync(outFile, toYaml(manifests));
  process.stdout.write(`${outFile}: ${manifests.length} objects from Pulumi.${stack}.yaml\n`);
}

function main(argv: string[]): void {
  const [outDir, ...stacks] = argv;
  if (!outDir) {
    process.stderr.write('usage: ts-node scripts/pulumi-manifests.ts <out-dir> [stack...]\n');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const stack of stacks.length > 0 ? stacks : DEFAULT_STACKS) {
    const outFile = path.resolve(outDir, `pulumi-${stack}.yaml`);
    try {
      execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), __filename, CHILD_FLAG, stack, outFile], {
        stdio: 'inherit',
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      });
    } catch {
      process.stderr.write(`pulumi-manifests: stack ${stack} failed (see above)\n`);
      process.exit(1);
    }
  }
}

if (process.argv[2] === CHILD_FLAG) {
  runOne(process.argv[3], process.argv[4]).catch(e => {
    process.stderr.write(`pulumi-manifests: stack ${process.argv[3]}: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2));
}
