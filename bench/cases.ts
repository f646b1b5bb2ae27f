/**
 * The benchmark cases. Each case prepares its input outside the timed window and returns the
 * work to time; `bench/child.ts` runs one case in its own process and reports wall time and
 * peak RSS, so memory figures and Pulumi's global mocks never leak between cases.
 *
 * Cases come in groups: the library (`subject`), the cheapest way to produce the same output
 * with the same tool (`baseline`), and a `floor`: the same data through the platform's JSON
 * (`JSON.stringify`, `JSON.parse`), a lower bound no YAML writer or reader reaches, to say how
 * far from it the subject is. A group has at most one baseline and one floor.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fleetSpecs } from './fleet';
import { fleetInventory } from './fleet-inventory';
import { benchTempBase, planFixture } from './plan-fixture';

export type CaseGroup = 'core' | 'reader' | 'plan' | 'status' | 'cdk8s' | 'pulumi' | 'fleet';

/** What a case's work reports back (for sanity checks: both sides of a pair must agree). */
export interface WorkOutput {
  /** Objects produced (manifests, ApiObjects, custom resources). */
  readonly objects: number;
  /** Bytes of YAML produced, where the case produces YAML. */
  readonly bytes?: number;
}

export interface PreparedCase {
  /** The timed work. */
  readonly work: () => Promise<void>;
  /** Untimed, after the work: what it produced, checked against the other side of the pair. */
  readonly output: () => WorkOutput;
  /** Untimed cleanup (temp dirs). */
  readonly cleanup?: () => void;
}

export interface BenchCase {
  readonly id: string;
  readonly group: CaseGroup;
  readonly role: 'subject' | 'baseline' | 'floor';
  readonly description: string;
  /**
   * The case a subject is compared with, when not its group's baseline (`plan-git` with `plan`:
   * the same plan, its before side from git instead of a folder).
   */
  readonly baseline?: string;
  /** Runs per size when not the bench's default (cheap floors need fewer to keep the run short). */
  readonly runs?: Readonly<Record<number, number>>;
  prepare(size: number): Promise<PreparedCase>;
}

/** YAML options of the core's `toYaml` (and of cdk8s): the floor must serialize exactly like it. */
const YAML_OPTIONS = { lineWidth: 0, version: '1.1' } as const;

/**
 * The JSON floors take milliseconds; their runs cost mostly the child's start and the untimed
 * rendering, so they run 3 times at every size (not 5 at 10 and 100 clusters) to keep the
 * whole bench short. Their medians are steady: JSON.stringify and JSON.parse are native code.
 */
const CHEAP_FLOOR_RUNS: Readonly<Record<number, number>> = { 10: 3, 100: 3, 1000: 3 };

/**
 * The Pulumi cases at 1000 clusters take one to two minutes a run and were three quarters of the
 * bench: they run once there (subject and baseline alternate, so each pair still shares the
 * machine's state), which keeps `npm run bench` under 10 minutes on 2 cores. Their 1000-cluster
 * ratios are single runs: read them with the noise in mind.
 */
const PULUMI_RUNS: Readonly<Record<number, number>> = { 10: 5, 100: 5, 1000: 1 };

/**
 * A floor of the core group: the fleet's manifest objects (rendered before timing) through
 * `serializer` (loaded before timing too), nothing else.
 */
function serializeFloor(id: string, role: 'baseline' | 'floor', what: string, serializer: () => (manifests: readonly object[]) => string): BenchCase {
  return {
    id, group: 'core', role,
    description: `the same manifest objects (rendered before timing) through ${what}, nothing else`,
    async prepare(size) {
      const serialize = serializer();
      const fleet = renderFleet(size).map(r => r.manifests);
      const texts: string[] = [];
      let objects = 0;
      return {
        async work() {
          for (const manifests of fleet) {
            objects += manifests.length;
            texts.push(serialize(manifests));
          }
        },
        output: () => ({ objects, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) }),
      };
    },
  };
}

function renderFleet(size: number) {
  // Imported lazily so a case loads only what it measures.
  const { renderManagedCluster } = require('../lib') as typeof import('../lib');
  return fleetSpecs(size).map(spec => renderManagedCluster(spec));
}

/** The add-on objects the fleet's clusters share, once per namespace, as the engines emit them beside the clusters. */
function fleetAddons(size: number) {
  const { renderAddons } = require('../lib') as typeof import('../lib');
  return renderAddons(fleetSpecs(size)).manifests;
}

/**
 * Output folder of a synth. On tmpfs (`/dev/shm`) when there is one, so the figures measure
 * the work and not the disk (on this machine ext4 writes cost 0.75 ms per small file, more
 * than cdk8s itself). `BENCH_TMPDIR` picks another place.
 */
function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(benchTempBase(), `capi-bench-${label}-`));
}

/**
 * A plan case: `capi-constructs plan` (the CLI's own `main`, output captured) over the fixture
 * of a fleet before and after a change (bench/plan-fixture.ts, written before timing).
 */
function planCase(id: string, description: string, argv: (fixture: ReturnType<typeof planFixture>) => string[], baseline?: string): BenchCase {
  return {
    id, group: 'plan', role: 'subject', description, baseline,
    async prepare(size) {
      const { main } = require('../lib/cli') as typeof import('../lib/cli');
      const fixture = planFixture(size);
      let output = '';
      let code: number | undefined;
      return {
        async work() {
          code = await main(['plan', ...argv(fixture)], { stdout: t => (output += t), stderr: t => process.stderr.write(t), cwd: fixture.repo });
        },
        output: () => {
          if (code !== 0 || !output.startsWith('Plan: ')) throw new Error(`plan exited ${code}: ${output.slice(0, 200)}`);
          return { objects: fixture.objects, bytes: fixture.bytes };
        },
        cleanup: fixture.cleanup,
      };
    },
  };
}

function countFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true } as any) as unknown as fs.Dirent[]) {
    if (!entry.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join((entry as any).parentPath ?? (entry as any).path, entry.name)).size;
  }
  return { files, bytes };
}

/**
 * A cdk8s case: `populate` fills a new App (timed together with its synth to a temp folder,
 * one folder per chart, one file per object: the output type that stays linear in charts).
 */
function cdk8sSynth(label: string, populate: (app: import('cdk8s').App) => void): PreparedCase {
  const { App, YamlOutputType } = require('cdk8s') as typeof import('cdk8s');
  const outdir = tempDir(label);
  return {
    async work() {
      const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
      populate(app);
      app.synth();
    },
    output: () => {
      const { files, bytes } = countFiles(outdir);
      return { objects: files, bytes };
    },
    cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }),
  };
}

export const CASES: readonly BenchCase[] = [
  {
    id: 'core', group: 'core', role: 'subject',
    description: 'renderManagedCluster (validate + render) and toYaml for every cluster',
    async prepare(size) {
      const { renderManagedCluster, toYaml } = require('../lib') as typeof import('../lib');
      const specs = fleetSpecs(size);
      const texts: string[] = [];
      let objects = 0;
      return {
        async work() {
          for (const spec of specs) {
            const rendered = renderManagedCluster(spec);
            objects += rendered.manifests.length;
            texts.push(toYaml(rendered.manifests));
          }
        },
        output: () => ({ objects, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) }),
      };
    },
  },
  {
    id: 'fleet', group: 'fleet', role: 'subject',
    description: 'resolveFleet (merge, provenance, validation of every cluster and across them) of an inventory, then render and toYaml for every cluster',
    async prepare(size) {
      const { resolveFleet, toYaml } = require('../lib') as typeof import('../lib');
      const { renderValidatedCluster } = require('../lib/core') as typeof import('../lib/core');
      const inventory = fleetInventory(size);
      const texts: string[] = [];
      let objects = 0;
      return {
        async work() {
          const fleet = resolveFleet(inventory);
          if (fleet.issues.length) throw new Error(`the bench inventory has ${fleet.issues.length} issues`);
          // resolveFleet validated every spec: render without validating twice, as the engines do.
          for (const c of fleet.clusters) {
            const rendered = renderValidatedCluster(c.spec);
            objects += rendered.manifests.length;
            texts.push(toYaml(rendered.manifests));
          }
        },
        output: () => ({ objects, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) }),
      };
    },
  },
  {
    id: 'fleet-specs', group: 'fleet', role: 'baseline',
    description: 'the same merged specs (resolved before timing) given directly: renderManagedCluster (validate + render) and toYaml for every cluster',
    async prepare(size) {
      const { renderManagedCluster, resolveFleet, toYaml } = require('../lib') as typeof import('../lib');
      const specs = resolveFleet(fleetInventory(size)).clusters.map(c => c.spec);
      const texts: string[] = [];
      let objects = 0;
      return {
        async work() {
          for (const spec of specs) {
            const rendered = renderManagedCluster(spec);
            objects += rendered.manifests.length;
            texts.push(toYaml(rendered.manifests));
          }
        },
        output: () => ({ objects, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) }),
      };
    },
  },
  serializeFloor('yaml-floor', 'baseline', 'YAML.stringify', () => {
    const YAML = require('yaml') as typeof import('yaml');
    return manifests => manifests.map(m => YAML.stringify(m, YAML_OPTIONS)).join('---\n');
  }),
  { ...serializeFloor('json-stringify-floor', 'floor', 'JSON.stringify', () => manifests => manifests.map(m => JSON.stringify(m)).join('\n')), runs: CHEAP_FLOOR_RUNS },
  {
    id: 'yaml-read', group: 'reader', role: 'subject',
    description: 'parseYamlDocuments (the kubectl-equivalent reader) over the toYaml text of every cluster (written before timing)',
    async prepare(size) {
      const { toYaml } = require('../lib') as typeof import('../lib');
      const { parseYamlDocuments } = require('../lib/support/yaml') as typeof import('../lib/support/yaml');
      const texts = renderFleet(size).map(r => toYaml(r.manifests));
      const read: Array<ReturnType<typeof parseYamlDocuments>> = [];
      return {
        async work() {
          for (const text of texts) read.push(parseYamlDocuments(text));
        },
        output: () => {
          const docs = read.flat();
          const failed = docs.find(d => d.error !== undefined);
          if (failed) throw new Error(`the reader refused the writer's output: ${failed.error}`);
          return { objects: docs.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) };
        },
      };
    },
  },
  {
    id: 'json-parse-floor', group: 'reader', role: 'floor',
    description: 'the same manifest objects as JSON text (written before timing) through JSON.parse, nothing else',
    runs: CHEAP_FLOOR_RUNS,
    async prepare(size) {
      const texts = renderFleet(size).map(r => r.manifests.map(m => JSON.stringify(m)));
      const read: unknown[][] = [];
      return {
        async work() {
          for (const cluster of texts) read.push(cluster.map(t => JSON.parse(t)));
        },
        output: () => ({ objects: read.reduce((n, r) => n + r.length, 0), bytes: texts.flat().reduce((n, t) => n + Buffer.byteLength(t), 0) }),
      };
    },
  },
  planCase('plan', '`capi-constructs plan BEFORE AFTER` over two folders of one YAML file per cluster (the change: bench/plan-fixture.ts), output captured',
    f => [f.before, f.after]),
  planCase('plan-git', '`capi-constructs plan --git HEAD clusters` in a repository whose HEAD holds the before side and whose work tree the after side',
    () => ['--git', 'HEAD', 'clusters'], 'plan'),
  {
    id: 'plan-json-parse-floor', group: 'plan', role: 'floor', runs: CHEAP_FLOOR_RUNS,
    description: 'the objects of both folders as JSON text, one text per file (written before timing), through JSON.parse, nothing else',
    async prepare(size) {
      const { readManifestPath } = require('../lib/io') as typeof import('../lib/io');
      const fixture = planFixture(size);
      const texts = [fixture.before, fixture.after].flatMap(dir => fs.readdirSync(dir).sort().map(f => JSON.stringify(readManifestPath(path.join(dir, f)))));
      let objects = 0;
      return {
        async work() {
          for (const text of texts) objects += (JSON.parse(text) as unknown[]).length;
        },
        output: () => ({ objects, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) }),
        cleanup: fixture.cleanup,
      };
    },
  },
  {
    id: 'status', group: 'status', role: 'subject',
    description: '`capi-constructs status --all-namespaces` (the CLI\'s own `main`, output captured) against the local API stand-in (tools/api-standin.ts, in the same process) serving a management cluster with that many clusters\' objects (tools/status-objects.ts generatedFleet: Cluster, KubeadmControlPlane, 2 MachineDeployments, 3 Machines, a HelmReleaseProxy, the kubeconfig Secret each)',
    async prepare(size) {
      const { main } = require('../lib/cli') as typeof import('../lib/cli');
      const { startApiStandIn, writeKubeconfig } = require('../tools/api-standin') as typeof import('../tools/api-standin');
      const { generatedFleet } = require('../tools/status-objects') as typeof import('../tools/status-objects');
      const objects = generatedFleet(size);
      const standIn = await startApiStandIn(objects, { lifetimeMs: 600_000 });
      const dir = tempDir('status');
      const kubeconfig = writeKubeconfig(dir, [{ name: 'management', server: standIn.url }], 'management');
      let output = '';
      let code: number | undefined;
      return {
        async work() {
          code = await main(['status', '--kubeconfig', kubeconfig, '--all-namespaces', '--format', 'json'], { stdout: t => (output += t), stderr: t => process.stderr.write(t), cwd: dir });
        },
        output: () => {
          const clusters = code === 0 ? (JSON.parse(output) as { summary: { clusters: number } }).summary.clusters : -1;
          if (clusters !== size) throw new Error(`status exited ${code} with ${clusters} clusters: ${output.slice(0, 200)}`);
          return { objects: objects.length, bytes: Buffer.byteLength(output) };
        },
        cleanup: () => {
          void standIn.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    id: 'cdk8s', group: 'cdk8s', role: 'subject',
    description: 'one Chart per cluster holding a ManagedCluster construct, app.synth() (FOLDER_PER_CHART_FILE_PER_RESOURCE)',
    async prepare(size) {
      const { Chart } = require('cdk8s') as typeof import('cdk8s');
      const { ManagedCluster } = require('../lib/cdk8s') as typeof import('../lib/cdk8s');
      const specs = fleetSpecs(size);
      return cdk8sSynth('cdk8s', app => {
        for (const spec of specs) new ManagedCluster(new Chart(app, spec.name), spec.name, spec);
      });
    },
  },
  {
    id: 'cdk8s-apiobjects', group: 'cdk8s', role: 'baseline',
    description: 'one Chart per cluster holding plain ApiObjects of the same manifests (rendered before timing), same output type',
    async prepare(size) {
      const { ApiObject, Chart } = require('cdk8s') as typeof import('cdk8s');
      const fleet = renderFleet(size);
      const addons = fleetAddons(size);
      return cdk8sSynth('cdk8s-plain', app => {
        for (const cluster of fleet) {
          const chart = new Chart(app, cluster.name);
          cluster.manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m as any));
        }
        // One chart per namespace, as the engine writes addons-<namespace>/ (file names are per chart).
        const shared = new Map<string, import('cdk8s').Chart>();
        addons.forEach((m, i) => {
          const ns = m.metadata.namespace!;
          if (!shared.has(ns)) shared.set(ns, new Chart(app, `addons-${ns}`));
          new ApiObject(shared.get(ns)!, `o${i}`, m as any);
        });
      });
    },
  },
  pulumiComponentsCase('pulumi', 'one ManagedCluster component per cluster under pulumi.runtime.setMocks, all registrations awaited (each object aliases its 0.1 name)', {}),
  pulumiComponentsCase('pulumi-no-aliases', 'the same with legacyNameAliases: false, as a stack that never ran 0.1 may set', { legacyNameAliases: false }),
  {
    id: 'pulumi-customresources', group: 'pulumi', role: 'baseline', runs: PULUMI_RUNS,
    description: 'the same manifests (rendered before timing) as plain k8s.apiextensions.CustomResource, all registrations awaited',
    async prepare(size) {
      const mocks = await installPulumiMocks();
      const k8s = require('@pulumi/kubernetes') as typeof import('@pulumi/kubernetes');
      const fleet = renderFleet(size);
      const addons = fleetAddons(size);
      return {
        async work() {
          const resources: import("@pulumi/kubernetes").apiextensions.CustomResource[] = [];
          const register = (prefix: string, m: any) => {
            const { apiVersion, kind, metadata, ...rest } = m;
            resources.push(new k8s.apiextensions.CustomResource(`${prefix}-${kind}-${metadata.namespace}-${metadata.name}`, { apiVersion, kind, metadata, ...rest }));
          };
          for (const cluster of fleet) for (const m of cluster.manifests) register(cluster.name, m);
          for (const m of addons) register('addons', m);
          await mocks.settle(resources);
        },
        output: () => ({ objects: mocks.customResources() }),
      };
    },
  },
];

interface PulumiMocks {
  /** Resolves once every resource's urn is known and Pulumi has no registration in flight. */
  settle(resources: ReadonlyArray<{ urn: any }>): Promise<void>;
  /** Custom (non-component) resources the mock monitor registered so far. */
  customResources(): number;
}

/** Echo mocks, installed before any Pulumi resource module is loaded. */
async function installPulumiMocks(): Promise<PulumiMocks> {
  const pulumi = require('@pulumi/pulumi') as typeof import('@pulumi/pulumi');
  let custom = 0;
  await pulumi.runtime.setMocks({
    newResource(args) {
      if (args.custom) custom++;
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      throw new Error(`unexpected call ${args.token}`);
    },
  }, 'bench', 'bench', false);
  // Internal but exported: resolves when the RPC queue (every registration) has drained.
  const waitForRPCs = (pulumi.runtime as any).waitForRPCs as (() => Promise<void>) | undefined;
  return {
    async settle(resources) {
      await Promise.all(resources.map(r => new Promise<void>(resolve => r.urn.apply((u: string) => { resolve(); return u; }))));
      if (waitForRPCs) await waitForRPCs();
    },
    customResources: () => custom,
  };
}

export function findCase(id: string): BenchCase {
  const c = CASES.find(x => x.id === id);
  if (!c) throw new Error(`unknown bench case ${id}; known: ${CASES.map(x => x.id).join(', ')}`);
  return c;
}

/** ManagedCluster components for the fleet, with `options` added to every cluster's args. */
function pulumiComponentsCase(id: string, description: string, options: Record<string, unknown>): BenchCase {
  return {
    id, group: 'pulumi', role: 'subject', description, runs: PULUMI_RUNS,
    async prepare(size) {
      const mocks = await installPulumiMocks();
      const { ManagedCluster } = require('../lib/pulumi/managed-cluster');
      const specs = fleetSpecs(size);
      // Every cluster's objects, and the add-on objects the clusters of a namespace share (registered once).
      const expected = renderFleet(size).reduce((n, r) => n + r.manifests.length, 0) + fleetAddons(size).length;
      return {
        async work() {
          const components = specs.map(spec => new ManagedCluster(spec.name, { ...spec, ...options }));
          await mocks.settle(components);
        },
        output: () => {
          const objects = mocks.customResources();
          if (objects !== expected) throw new Error(`expected ${expected} custom resources, the mocks saw ${objects}`);
          return { objects };
        },
      };
    },
  };
}
