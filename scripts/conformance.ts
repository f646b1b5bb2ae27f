/**
 * `npm run conformance`: renders everything this project can emit and validates it against the
 * upstream CRDs with the shared capi-validate tool (schema, enums, CEL, pruned fields, and
 * dangling references as errors).
 *
 * It finds the validator and the CRDs through CAPI_VALIDATE_DIR (default
 * ../shared/tools/capi-validate) and CAPI_CRDS_DIR (default ../shared/capi-crds), and installs
 * the validator's dependencies when they are missing.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const validateDir = path.resolve(root, process.env.CAPI_VALIDATE_DIR ?? '../shared/tools/capi-validate');
const crdsDir = path.resolve(root, process.env.CAPI_CRDS_DIR ?? '../shared/capi-crds');
const tsNode = [require.resolve('ts-node/dist/bin.js'), '--transpile-only'];

function fail(message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

/** The validator's folder with its node_modules installed (a private copy when the folder is read-only). */
function prepareValidator(): string {
  const cli = path.join(validateDir, 'capi-validate.js');
  if (!fs.existsSync(cli)) fail(`no validator at ${cli}. Set CAPI_VALIDATE_DIR to the shared tools/capi-validate folder.`);
  if (!fs.existsSync(crdsDir)) fail(`no CRDs at ${crdsDir}. Set CAPI_CRDS_DIR to the shared capi-crds folder.`);
  if (fs.existsSync(path.join(validateDir, 'node_modules'))) return validateDir;
  let dir = validateDir;
  try {
    fs.accessSync(validateDir, fs.constants.W_OK);
  } catch {
    dir = path.join(os.tmpdir(), 'capi-constructs-validator');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(validateDir, dir, { recursive: true });
  }
  console.log(`conformance: installing the validator's dependencies in ${dir}`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** Runs a TypeScript program of this repository with ts-node. */
function runTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const res = spawnSync(process.execPath, [...tsNode, script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  if (res.status !== 0) fail(`${path.relative(root, script)} failed (exit ${res.status})`);
}

/** The example apps: every examples/*.ts that synthesizes a cdk8s app. */
function exampleApps(): string[] {
  const dir = path.join(root, 'examples');
  return fs.readdirSync(dir).filter(f => f.endsWith('.ts')).map(f => path.join(dir, f))
    .filter(f => /\bapp\.synth\(\)/.test(fs.readFileSync(f, 'utf8'))).sort();
}

interface Group { label: string; paths: string[] }

/** The marker of an example app validated as one group (see main). */
const ONE_GROUP = /^\/\/ conformance: one group\b/m;
/** The object files below a folder of a GitOps layout: every YAML file but kustomization.yaml. */
function layoutObjectFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return layoutObjectFiles(full);
    return /\.ya?ml$/.test(e.name) && e.name !== 'kustomization.yaml' ? [full] : [];
  }).sort();
}

function main(): void {
  const validator = prepareValidator();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'capi-conformance-'));
  const groups: Group[] = [];

  // 1. Every example app, synthesized as `cdk8s synth` does; each cluster folder is checked on its own
  //    so a reference can only be satisfied by an object of the same cluster. An app whose
  //    objects reference across folders by design (ClusterClasses and the topology clusters
  //    whose classRefs name them) says `// conformance: one group` and is checked as a whole.
  //    An app that writes a GitOps layout (examples/fleet.ts) writes it to FLEET_LAYOUT_DIR: each
  //    management cluster's folder is one group (what is applied to one API server), so a reference
  //    resolves across its folders; kustomize's own files are not objects and are left out.
  for (const app of exampleApps()) {
    const dir = path.join(out, 'examples', path.basename(app, '.ts'));
    const layout = path.join(out, 'layouts', path.basename(app, '.ts'));
    runTs(app, [], { CDK8S_OUTDIR: dir, FLEET_LAYOUT_DIR: layout });
    if (ONE_GROUP.test(fs.readFileSync(app, 'utf8'))) {
      groups.push({ label: path.relative(out, dir), paths: [dir] });
      continue;
    }
    const folders = fs.readdirSync(dir, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => path.join(dir, d.name));
    const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).map(f => path.join(dir, f));
    for (const f of [...folders, ...files].sort()) groups.push({ label: path.relative(out, f), paths: [f] });
    if (!fs.existsSync(layout)) continue;
    for (const top of fs.readdirSync(layout).sort()) {
      const paths = layoutObjectFiles(path.join(layout, top));
      if (paths.length > 0) groups.push({ label: path.relative(out, path.join(layout, top)), paths });
    }
  }

  // 2. What the Pulumi program registers, under mocks, for every stack file.
  const pulumiDir = path.join(out, 'pulumi');
  runTs(path.join(root, 'scripts/pulumi-manifests.ts'), [pulumiDir]);
  for (const f of fs.readdirSync(pulumiDir).sort()) groups.push({ label: `pulumi/${f}`, paths: [path.join(pulumiDir, f)] });

  // 3. The generated corpus of random valid specs (fixed seed).
  const corpusDir = path.join(out, 'corpus');
  runTs(path.join(root, 'scripts/corpus.ts'), [corpusDir]);
  groups.push({ label: 'corpus', paths: [corpusDir] });

  let errors = 0;
  let objects = 0;
  for (const g of groups) {
    const res = spawnSync(process.execPath, [path.join(validator, 'capi-validate.js'), '--crds', crdsDir, '--refs-are-errors', ...g.paths], { encoding: 'utf8' });
    const lines = (res.stdout ?? '').trim().split('\n');
    const summary = lines[lines.length - 1] ?? '';
    const m = /(\d+) objects checked, (\d+) errors/.exec(summary);
    if (res.status === 2 || !m) fail(`validator could not run on ${g.label}:\n${res.stdout}${res.stderr}`);
    objects += Number(m![1]);
    errors += Number(m![2]);
    console.log(`${res.status === 0 ? 'ok  ' : 'FAIL'} ${g.label}: ${summary}`);
    if (res.status !== 0) console.log(lines.slice(0, -1).map(l => `       ${l}`).join('\n'));
  }
  console.log(`conformance: ${groups.length} groups, ${objects} objects, ${errors} errors (output kept in ${out})`);
  process.exit(errors === 0 ? 0 : 1);
}

main();
