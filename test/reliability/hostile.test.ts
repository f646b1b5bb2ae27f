/**
 * Hostile values: each one gets a clear CapiValidationError (at the right path) or output that
 * reads back as the very same string under YAML 1.1 rules (what kubectl and most GitOps tools
 * use), from the core's `toYaml` and from a real `cdk8s synth`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { CapiValidationError, Manifest, ManagedClusterSpec, renderManagedCluster, toYaml, validateClusterSpec, WorkerPoolSpec } from '../../lib';
import { parseYamlDocuments } from '../../lib/support/yaml';
import { ManagedCluster } from '../../lib/cdk8s';
import { devSpec as base } from '../core/fixtures';

const pool = (over: Partial<WorkerPoolSpec> = {}): WorkerPoolSpec => ({ name: 'md-0', replicas: 1, ...over });

/** `path: message` of every issue, or [] when the spec renders. */
function problems(spec: unknown): string[] {
  try {
    renderManagedCluster(spec as ManagedClusterSpec);
    return [];
  } catch (e) {
    if (!(e instanceof CapiValidationError)) throw e;
    return e.issues.map(i => `${i.path}: ${i.message}`);
  }
}

/** The error a spec must produce; fails when it renders or throws anything else. */
function errorOf(spec: unknown): CapiValidationError {
  try {
    renderManagedCluster(spec as ManagedClusterSpec);
  } catch (e) {
    if (e instanceof CapiValidationError) return e;
    throw e;
  }
  throw new Error('expected a CapiValidationError, but the spec rendered');
}

/** Reads a YAML stream as kubectl does (go-yaml v2), failing on any read error. */
function parse11(text: string): any[] {
  const docs = parseYamlDocuments(text);
  expect(docs.filter(d => d.error !== undefined)).toEqual([]);
  return docs.map(d => d.value);
}

/** The cluster's manifests as read back from the core's YAML and from a cdk8s synth to disk. */
function readBack(spec: ManagedClusterSpec): { core: any[]; cdk8s: any[] } {
  return { core: readCore(spec), cdk8s: readCdk8s(spec) };
}

function readCore(spec: ManagedClusterSpec): any[] {
  return parse11(toYaml(renderManagedCluster(spec).manifests));
}

function readCdk8s(spec: ManagedClusterSpec): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capi-hostile-'));
  try {
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    new ManagedCluster(new Chart(app, 'c'), spec.name, spec);
    app.synth();
    const dir = path.join(outdir, 'c');
    return fs.readdirSync(dir).sort().flatMap(f => parse11(fs.readFileSync(path.join(dir, f), 'utf8')));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const byKind = (docs: any[], kind: string): any[] => docs.filter(d => d.kind === kind);

/** Strings YAML 1.1 reads as something else (bool, null, number, alias, tag, ...) unless quoted. */
const YAML_SPECIALS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'On', 'true', 'false', 'True', 'null', 'Null', '~', '',
  '0644', '0o644', '0x1F', '1e3', '1_000', '12:30', '1:20:30', '.inf', '-.Inf', '.nan', '2026-11-21', '+1', '-0',
  'key: value', 'a: b: c', 'multi\nline\ntext\n', 'trailing newline\n', 'no trailing', ' leading space', 'trailing space ',
  '*alias', '&anchor', '!tag', '!!str', '%directive', '@reserved', '`backtick', '#comment', 'text # not a comment', '- dash', '? question',
  '---', '...', '|', '>', '[a, b]', '{a: b}', '"quoted"', "'single'", 'tab\tinside', 'crlf\r\nline', 'unicode ✓ 日本語 🚀 é', '\u00a0nbsp', 'line\u2028separator', 'nul\u0000byte',
];

describe('names at and over the limits', () => {
  const name63 = `c${'x'.repeat(61)}z`;

  test('a cluster name of 63 characters renders; 64 throws at name', () => {
    expect(problems(base({ name: name63, workerPools: [] }))).toEqual([]);
    const e = errorOf(base({ name: `${name63}a`, workerPools: [] }));
    expect(e.issues.map(i => i.path)).toEqual(['name']);
    expect(e.message).toMatch(/name: the name has 64 characters; at most 63 are allowed/);
  });

  test('a pool whose <cluster>-<pool> name reaches 63 characters renders; 64 throws naming the excess', () => {
    const cluster = 'c'.repeat(40);
    expect(problems(base({ name: cluster, workerPools: [pool({ name: 'p'.repeat(22) })] }))).toEqual([]);
    const e = errorOf(base({ name: cluster, workerPools: [pool({ name: 'p'.repeat(23) })] }));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: 'workerPools[0].name' });
    expect(e.issues[0].message).toMatch(/has 64 characters.*at most 63/);
    expect(e.issues[0].fix).toMatch(/by 1 characters/);
  });

  test('a pool name alone over 63 characters throws', () => {
    expect(problems(base({ name: 'c', workerPools: [pool({ name: 'p'.repeat(64) })] }))).toContain('workerPools[0].name: the name has 64 characters; at most 63 are allowed (pool names become part of object names and label values)');
  });

  test.each([
    'Hostile', 'clüster', 'cluster ', ' cluster', 'clus ter', 'clus\tter', 'line\nbreak', '-cluster', 'cluster-', 'clus_ter', 'clus.ter', '', '日本', '🚀', 'ｃｌｕｓｔｅｒ',
  ])('the cluster name %j throws at name', name => {
    expect(errorOf(base({ name })).issues.map(i => i.path)).toEqual(['name']);
  });

  test.each(['GPU', 'pööl', 'po ol', 'pool\n', '', 'a.b', '💥'])('the pool name %j throws at workerPools[0].name', name => {
    expect(errorOf(base({ workerPools: [pool({ name })] })).issues.map(i => i.path)).toContain('workerPools[0].name');
  });

  test.each(['Default', 'näme', 'name space', 'x'.repeat(64)])('the namespace %j throws', namespace => {
    expect(errorOf(base({ namespace })).issues.map(i => i.path)).toEqual(['namespace']);
  });
});

describe('labels', () => {
  test.each(['ünïcode', 'has space', ' lead', 'trail ', 'new\nline', '~', 'a:b', 'x'.repeat(64), '-dash', 'dot.', '🚀'])('the label value %j throws at its path', value => {
    const e = errorOf(base({ labels: { team: value } }));
    expect(e.issues.map(i => i.path)).toEqual(['labels.team']);
    expect(e.issues[0].message).toMatch(/invalid label value/);
  });

  test.each(['has space', 'ünï/x', 'a/b/c', '/x', 'x/', ''])('the label key %j throws', key => {
    expect(errorOf(base({ labels: { [key]: 'v' } })).issues[0].message).toMatch(/invalid label key/);
  });

  test('label values YAML 1.1 would read as booleans, null or numbers come back as the same strings', () => {
    const values = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', 'Null', '0644', '1e3', '1_000', '012', '0x1f', '1.5', '12345', '123456789012345678901234567890', ''];
    const labels = Object.fromEntries(values.map((v, i) => [`example.com/l${i}`, v]));
    const nodeLabels = Object.fromEntries(values.map((v, i) => [`node-role.kubernetes.io/r${i}`, v]));
    const spec = base({ labels, workerPools: [pool({ nodeLabels, labels })] });
    for (const docs of Object.values(readBack(spec))) {
      for (const doc of docs) {
        for (const [k, v] of Object.entries(labels)) expect(doc.metadata.labels[k]).toBe(v);
      }
      const md = byKind(docs, 'MachineDeployment')[0];
      for (const [k, v] of Object.entries(nodeLabels)) expect(md.spec.template.metadata.labels[k]).toBe(v);
    }
  });

  test('kubelet node labels with YAML-special values keep their text in --node-labels', () => {
    const spec = base({ workerPools: [pool({ nodeLabels: { 'example.com/a': 'yes', 'example.com/b': '0644', 'example.com/c': 'null' } })] });
    for (const docs of Object.values(readBack(spec))) {
      const kct = byKind(docs, 'KubeadmConfigTemplate')[0];
      expect(kct.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs).toContainEqual({ name: 'node-labels', value: 'example.com/a=yes,example.com/b=0644,example.com/c=null' });
    }
  });
});

describe('YAML-special strings in annotations, files, commands and flags', () => {
  /** What cdk8s's own YAML writer (YAML 1.1 rules) writes so that kubectl reads something else (a number, a line break): the cdk8s engine refuses it. */
  const CDK8S_UNWRITABLE = ['0o644', 'line\u2028separator'];
  const specWith = (specials: readonly string[]) => {
    const files = specials.filter(s => s.trim() !== '').map((content, i) => ({ path: `/etc/hostile/${i}`, content }));
    const commands = specials.filter(s => s.trim() !== '');
    const annotations = Object.fromEntries(specials.map((v, i) => [`example.com/a${i}`, v]));
    const spec = base({
      annotations,
      controlPlane: {
        replicas: 1,
        files,
        preKubeadmCommands: commands,
        postKubeadmCommands: [...commands].reverse(),
        apiServerExtraArgs: { 'feature-gates': 'yes', 'audit-log-maxage': '0644', profiling: 'off', 'v': '1e3', 'cors-allowed-origins': 'a: b' },
        users: [{ name: 'ops', sudo: 'ALL=(ALL) NOPASSWD:ALL', groups: 'yes', shell: 'null', sshAuthorizedKeys: ['ssh-ed25519 AAAA yes', '~'] }],
      },
      workerPools: [pool({ files, preKubeadmCommands: commands, kubeletExtraArgs: { 'max-pods': '0110', 'node-ip': 'on' } })],
    });
    return { spec, files, commands, annotations };
  };
  const everything = specWith(YAML_SPECIALS);
  const forCdk8s = specWith(YAML_SPECIALS.filter(s => !CDK8S_UNWRITABLE.includes(s)));

  test.each<[string, 'core' | 'cdk8s', ReturnType<typeof specWith>]>([
    ['toYaml, every string', 'core', everything],
    ['cdk8s synth, every string its writer can write', 'cdk8s', forCdk8s],
  ])('%s: reads back (as kubectl reads it) as exactly the same strings', (_what, writer, { spec, files, commands, annotations }) => {
    const docs = writer === 'core' ? readCore(spec) : readCdk8s(spec);
    const cluster = byKind(docs, 'Cluster')[0];
    for (const [k, v] of Object.entries(annotations)) expect({ writer, k, value: cluster.metadata.annotations[k] }).toEqual({ writer, k, value: v });
    const kcp = byKind(docs, 'KubeadmControlPlane')[0].spec.kubeadmConfigSpec;
    expect(kcp.files.map((f: any) => f.content)).toEqual(files.map(f => f.content));
    expect(kcp.preKubeadmCommands).toEqual(commands);
    expect(kcp.postKubeadmCommands).toEqual([...commands].reverse());
    expect(kcp.clusterConfiguration.apiServer.extraArgs).toEqual([
      { name: 'audit-log-maxage', value: '0644' }, { name: 'cors-allowed-origins', value: 'a: b' }, { name: 'feature-gates', value: 'yes' },
      { name: 'profiling', value: 'off' }, { name: 'v', value: '1e3' },
    ]);
    expect(kcp.users).toEqual([{ name: 'ops', sudo: 'ALL=(ALL) NOPASSWD:ALL', groups: 'yes', shell: 'null', sshAuthorizedKeys: ['ssh-ed25519 AAAA yes', '~'] }]);
    const kct = byKind(docs, 'KubeadmConfigTemplate')[0].spec.template.spec;
    expect(kct.files.map((f: any) => f.content)).toEqual(files.map(f => f.content));
    expect(kct.preKubeadmCommands).toEqual(commands);
    expect(kct.joinConfiguration.nodeRegistration.kubeletExtraArgs).toEqual(expect.arrayContaining([{ name: 'max-pods', value: '0110' }, { name: 'node-ip', value: 'on' }]));
  });

  test('the cdk8s engine refuses, at its object and path, a string its writer would write ambiguously', () => {
    const spec = base({ annotations: { 'example.com/mode': '0o644' }, workerPools: [pool({ preKubeadmCommands: ['echo ok', '0X1F'] })] });
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'capi-hostile-')) });
    new ManagedCluster(new Chart(app, 'c'), spec.name, spec);
    let error: CapiValidationError | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as CapiValidationError;
    }
    expect(error!.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      "(Cluster demo) metadata.annotations.example.com/mode: cdk8s's YAML writer cannot write this string so that kubectl reads it back: kubectl would read 420",
      expect.stringMatching(/^\(KubeadmConfigTemplate demo-md-0-[0-9a-f]{8}\) spec\.template\.spec\.preKubeadmCommands\[1\]: cdk8s's YAML writer cannot write this string so that kubectl reads it back: kubectl would read 31$/),
    ]);
  });

  test('the core and cdk8s write the same objects', () => {
    const { core, cdk8s } = readBack(forCdk8s.spec);
    const key = (d: any) => `${d.kind}/${d.metadata.name}`;
    expect([...cdk8s].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...core].sort((a, b) => key(a).localeCompare(key(b))));
  });

  test('file permissions stay strings ("0644" is not the number 420)', () => {
    const docs = parse11(toYaml(renderManagedCluster(base({ controlPlane: { replicas: 1, files: [{ path: '/a', content: 'x', permissions: '0644' }, { path: '/b', content: 'y', permissions: '600' }] } })).manifests));
    expect(byKind(docs, 'KubeadmControlPlane')[0].spec.kubeadmConfigSpec.files.map((f: any) => f.permissions)).toEqual(['0644', '600']);
  });

  test.each(['', ' ', '\n', '\t \n'])('a blank command %j throws at its path', command => {
    expect(problems(base({ workerPools: [pool({ preKubeadmCommands: ['ok', command] })] }))).toEqual(['workerPools[0].preKubeadmCommands[1]: must be a non-empty string']);
  });

  test('empty file content throws; content over 10240 characters throws; 10240 renders', () => {
    expect(problems(base({ controlPlane: { replicas: 1, files: [{ path: '/a', content: '' }] } }))).toEqual(['controlPlane.files[0].content: must not be empty']);
    expect(problems(base({ controlPlane: { replicas: 1, files: [{ path: '/a', content: 'x'.repeat(10241) }] } }))[0]).toMatch(/^controlPlane.files\[0\].content: content has 10241 characters/);
    expect(problems(base({ controlPlane: { replicas: 1, files: [{ path: '/a', content: 'x'.repeat(10240) }] } }))).toEqual([]);
  });

  test.each(['0644 ', 'rw-r--r--', '0999', '644\n', 'yes'])('file permissions %j throw', permissions => {
    expect(problems(base({ controlPlane: { replicas: 1, files: [{ path: '/a', content: 'x', permissions }] } }))).toEqual([expect.stringMatching(/^controlPlane.files\[0\].permissions: must be octal permissions/)]);
  });

  test.each(['relative/path', ' /lead', '', 'C:\\x'])('a file path %j throws', p => {
    expect(problems(base({ controlPlane: { replicas: 1, files: [{ path: p, content: 'x' }] } }))).toEqual(['controlPlane.files[0].path: must be an absolute path']);
  });

  test.each(['--v', 'Has Caps', 'a b', ''])('a flag name %j throws', flag => {
    expect(problems(base({ controlPlane: { replicas: 1, apiServerExtraArgs: { [flag]: 'x' } } }))[0]).toMatch(/^controlPlane.apiServerExtraArgs\./);
  });
});

describe('replica counts', () => {
  test.each([10001, 1e21, 2 ** 53, Number.MAX_SAFE_INTEGER, -1, 1.5])('pool replicas %p throw at workerPools[0].replicas', replicas => {
    const e = errorOf(base({ workerPools: [pool({ replicas })] }));
    expect(e.issues.map(i => `${i.path}: ${i.message}`)).toEqual(['workerPools[0].replicas: must be an integer from 0 to 10000']);
  });

  test.each([NaN, Infinity, -Infinity])('pool replicas %p (not a JSON number) throw at workerPools[0].replicas', replicas => {
    const e = errorOf(base({ workerPools: [pool({ replicas })] }));
    expect(e.issues.map(i => `${i.path}: ${i.message}`)).toEqual([`workerPools[0].replicas: must be a number, got ${replicas}`]);
  });

  test.each(['3', '1e3', null, true, [3], { n: 3 }])('pool replicas of the wrong type %p throw a CapiValidationError at the path', replicas => {
    expect(errorOf(base({ workerPools: [pool({ replicas: replicas as any })] })).issues.map(i => i.path)).toEqual(['workerPools[0].replicas']);
  });

  test('10000 and 0 replicas render as integers', () => {
    for (const replicas of [0, 10000]) {
      const docs = parse11(toYaml(renderManagedCluster(base({ workerPools: [pool({ replicas })] })).manifests));
      expect(byKind(docs, 'MachineDeployment')[0].spec.replicas).toBe(replicas);
    }
  });

  test.each([{ min: 0, max: 1e9 }, { min: -1, max: 3 }, { min: 5, max: 2 }, { min: 1.5, max: 3 }])('autoscaling %p throws', autoscaling => {
    expect(problems(base({ workerPools: [{ name: 'md-0', autoscaling }] }))[0]).toMatch(/^workerPools\[0\]\.autoscaling/);
  });

  test.each([2, 4, 11, 0, -1, 1e21, 3.5])('control-plane replicas %p throw', replicas => {
    expect(errorOf(base({ controlPlane: { replicas } })).issues.map(i => i.path)).toEqual(['controlPlane.replicas']);
  });
});

describe('empty and duplicate lists', () => {
  test('no worker pools renders the control plane only', () => {
    const kinds = renderManagedCluster(base({ workerPools: [] })).manifests.map(m => m.kind);
    expect(kinds).toEqual(['DevCluster', 'DevMachineTemplate', 'KubeadmControlPlane', 'Cluster']);
  });

  test('empty optional lists are left out, never written as [] the CRDs reject', () => {
    const spec = base({
      controlPlane: { replicas: 1, files: [], preKubeadmCommands: [], postKubeadmCommands: [], users: [], ntpServers: [], certSans: [] },
      workerPools: [pool({ files: [], preKubeadmCommands: [], users: [], ntpServers: [], taints: [], machine: { dev: { extraMounts: [], preLoadImages: [] } } })],
    });
    const emptyLists: string[] = [];
    const visit = (v: unknown, p: string): void => {
      if (Array.isArray(v)) {
        if (v.length === 0 && !p.endsWith('.taints')) emptyLists.push(p);
        v.forEach((x, i) => visit(x, `${p}[${i}]`));
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, `${p}.${k}`);
    };
    renderManagedCluster(spec).manifests.forEach((m: Manifest) => visit(m, m.kind));
    expect(emptyLists).toEqual([]);
  });

  test('an empty control-plane taint list is kept: it removes the default control-plane taint', () => {
    const kcp = renderManagedCluster(base({ controlPlane: { replicas: 1, taints: [] } })).manifests.find(m => m.kind === 'KubeadmControlPlane') as any;
    expect(kcp.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints).toEqual([]);
    expect(kcp.spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration.taints).toEqual([]);
  });

  test.each<[string, Partial<ManagedClusterSpec>, string]>([
    ['pool names', { workerPools: [pool({ name: 'a' }), pool({ name: 'b' }), pool({ name: 'a' })] }, 'workerPools[2].name: duplicate pool name (also workerPools[0])'],
    ['file paths', { controlPlane: { replicas: 1, files: [{ path: '/a', content: 'x' }, { path: '/a', content: 'y' }] } }, "controlPlane.files[1].path: another file writes the same path (files[0]); CAPI's bootstrap webhook refuses a repeated path, with append too"],
    ['users', { workerPools: [pool({ users: [{ name: 'ops' }, { name: 'ops' }] })] }, 'workerPools[0].users[1].name: duplicate user'],
    ['taints', { workerPools: [pool({ taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] })] }, 'workerPools[0].taints[1]: duplicate taint (same key and effect)'],
    ['failure domains', { infrastructure: { dev: { failureDomains: [{ name: 'fd' }, { name: 'fd' }] } } }, 'infrastructure.dev.failureDomains[1].name: duplicate failure domain'],
    ['subnet ids', { infrastructure: { aws: { region: 'eu-west-1', network: { existing: { vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-1'] } } } }, workerPools: [] }, 'infrastructure.aws.network.existing.subnetIds[1]: duplicate subnet id (CAPA keys subnets by id)'],
  ])('duplicate %s throw', (_what, over, expected) => {
    expect(problems(base(over))).toContain(expected);
  });

  test.each<[string, Partial<ManagedClusterSpec>, string]>([
    ['pod networks', { network: { podCidrs: [] } }, 'network.podCidrs: must list one block, or two for dual-stack (one IPv4, one IPv6)'],
    ['health check conditions', { workerPools: [pool({ healthCheck: { unhealthyNodeConditions: [] } })] }, 'workerPools[0].healthCheck.unhealthyNodeConditions: an empty list would never find a machine unhealthy'],
    ['subnet ids', { infrastructure: { aws: { region: 'eu-west-1', network: { existing: { vpcId: 'vpc-1', subnetIds: [] } } } }, workerPools: [] }, 'infrastructure.aws.network.existing.subnetIds: an existing network needs at least one subnet'],
  ])('an empty list of %s throws', (_what, over, expected) => {
    expect(problems(base(over))).toContain(expected);
  });

  test('duplicate certificate SANs are written once', () => {
    const kcp = renderManagedCluster(base({ controlPlane: { replicas: 1, certSans: ['api.example.com', 'api.example.com', 'localhost'] } })).manifests.find(m => m.kind === 'KubeadmControlPlane') as any;
    const sans: string[] = kcp.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.certSANs;
    expect(sans.filter(s => s === 'api.example.com')).toHaveLength(1);
    expect(new Set(sans).size).toBe(sans.length);
  });

  test('holes and nulls in lists throw a CapiValidationError at the item', () => {
     
    expect(problems(base({ workerPools: [pool(), null as any] }))).toEqual(['workerPools[1]: must be an object, got null']);
    expect(problems(base({ controlPlane: { replicas: 1, preKubeadmCommands: ['a', undefined as any] } }))).toEqual(['controlPlane.preKubeadmCommands[1]: must be a string, got null']);
  });
});

test('every issue names its path, says what is wrong and formats into the message', () => {
  const issues = validateClusterSpec(base({ name: 'Bad Name', labels: { team: 'a b' }, workerPools: [pool({ replicas: -1 }), pool({ name: 'md-0' })] }));
  expect(issues.length).toBeGreaterThanOrEqual(4);
  const e = new CapiValidationError(issues);
  for (const i of issues) {
    expect(i.path).toMatch(/\S/);
    expect(i.message).toMatch(/\S/);
    expect(e.message).toContain(`${i.path}: ${i.message}`);
  }
});

describe('specs from another realm, lists and class instances', () => {
  test('a plain spec made in another realm (a vm context, structuredClone under jest) renders like one of this realm', () => {
    const foreign = vm.runInNewContext(`(${JSON.stringify(base())})`) as ManagedClusterSpec;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(renderManagedCluster(foreign).manifests).toEqual(renderManagedCluster(base()).manifests);
  });

  test('a list or a class instance as the spec is one clean error, never a TypeError', () => {
    class Spec { name = 'a'; version = 'v1.34.1'; infrastructure = { dev: {} }; }
    expect(validateClusterSpec([] as unknown as ManagedClusterSpec)).toEqual([expect.objectContaining({ path: '(spec)', message: 'must be an object, got a list' })]);
    expect(validateClusterSpec(new Spec() as unknown as ManagedClusterSpec)).toEqual([expect.objectContaining({ path: '(spec)', message: 'must be an object, got an instance of Spec' })]);
  });
});
