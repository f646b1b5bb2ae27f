/**
 * The YAML the library writes, read by the real kubectl (go-yaml v2 through sigs.k8s.io/yaml,
 * as Flux, Argo CD and the API server's clients read it), and the library's reader compared with
 * kubectl's reading. Needs `kubectl` on the PATH (Debian: `apt-get install kubernetes-client`);
 * without it the tests fail, never skip. `kubectl annotate --local` decodes any kind, CRDs
 * included, without a server.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import * as YAML from 'yaml';
import { Manifest, ManagedClusterSpec, renderManagedCluster, toYaml } from '../../lib';
import { ManagedCluster } from '../../lib/cdk8s';
import { cdk8sYamlIssues } from '../../lib/cdk8s/_yaml-safety';
import { parseYamlDocuments } from '../../lib/support/yaml';

const PROBE = 'probe.capi-constructs.io/read';

/** What kubectl reads from a YAML stream, as JSON objects (the probe annotation removed), or its error. */
function kubectlRead(text: string): { objects?: any[]; error?: string } {
  const r = spawnSync('kubectl', ['annotate', '--local', '-f', '-', '-o', 'json', '--overwrite', `${PROBE}=1`], { input: text, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw new Error(`this test needs kubectl on the PATH (Debian: apt-get install kubernetes-client): ${r.error.message}`);
  if (r.status !== 0) return { error: r.stderr.trim() };
  // One pretty-printed JSON object per document, one after the other.
  const objects = JSON.parse(`[${r.stdout.trim().replace(/\n}\n{/g, '\n},\n{')}]`);
  for (const o of objects) {
    delete o.metadata.annotations[PROBE];
    if (Object.keys(o.metadata.annotations).length === 0) delete o.metadata.annotations;
  }
  return { objects };
}

/** Strings every reader of YAML is tempted to read as something else, or to refuse. */
const HOSTILE = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'On', 'OFF', 'true', 'False', 'TRUE', '~', 'null', 'Null', 'NULL', '',
  '0644', '0o17', '0O17', '0x1F', '0X1F', '0b11', '0B11', '08', '0_1', '1_000', '1e3', '1E3', 'E0', 'e5', 'e-38', 'e29', '.5', '5.', '+1', '-0', '.inf', '-.Inf', '.nan', 'NaN', 'Inf',
  '1:20', '12:30:00', '2026-11-21', '2026-11-21T00:00:00Z', '- x', 'a: b', 'a:b', '#c', 'a #c', '*a', '&a', '!!str', '!tag', '%x', '@x', '`x', '<<', '=', '?', ':', '-', '---', '...',
  '|', '>', '[a]', '{a: b}', '"q"', "'q'", 'x ', ' x', '  lead', 'tab\there', '\ttab', 'crlf\r\nline', 'cr\ronly', 'nul\u0000x', 'bell\u0007', 'esc\u001b[0m', 'del\u007f',
  'c1\u0080\u0085\u009f', 'line\u2028sep', 'para\u2029sep', '\u2028', '\ufeffbom', 'nbsp\u00a0x', 'zw\u200bx', 'rtl\u200fmark\u202e', 'emoji 😀 🚀', 'unicode ✓ 日本語 é',
  'multi\nline\n', 'multi\nline', 'trail\n\n', '\n\nleading', 'line1\n  indented\n', '  first indented\nsecond\n', 'ends with space \nx', '- a\n- b\n', 'key: v\n# c\n',
  'x'.repeat(1500),
];

/** One object per hostile string, holding it as a value, a key, a list item and an annotation. */
function probeObjects(strings: readonly string[]): Manifest[] {
  return strings.map((s, i) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `s${i}`, namespace: 'default', annotations: { 'example.com/v': s } },
    data: { value: s, [s]: 'as a key' },
    nested: { list: [s, [s], { k: s }], empty: {}, emptyList: [], numbers: [0, -1, 1.5, 1e21, 2 ** 53], flags: [true, false, null] },
  } as unknown as Manifest));
}

/** A cluster carrying `strings` in annotations, files, commands and flags. */
function hostileCluster(strings: readonly string[]): ManagedClusterSpec {
  const text = strings.filter(s => s.trim() !== '' && !s.includes('\u0000'));
  return {
    name: 'demo', version: 'v1.34.1', infrastructure: { dev: {} },
    annotations: Object.fromEntries(strings.map((s, i) => [`example.com/a${i}`, s])),
    controlPlane: { replicas: 1, preKubeadmCommands: text, apiServerExtraArgs: { 'audit-log-maxage': '0644', profiling: 'off' } },
    workerPools: [{ name: 'md-0', files: text.map((content, i) => ({ path: `/etc/hostile/${i}`, content })), postKubeadmCommands: text }],
  };
}

describe('kubectl reads what the library writes', () => {
  test('toYaml: every hostile string, as value, key, list item and annotation', () => {
    const objects = probeObjects(HOSTILE);
    const read = kubectlRead(toYaml(objects));
    expect(read.error).toBeUndefined();
    expect(read.objects).toEqual(JSON.parse(JSON.stringify(objects)));
  });

  test('toYaml: what kubectl reads, the yaml package reads too (YAML 1.1 and 1.2: cdk8s, the conformance validator, most JavaScript tools)', () => {
    const objects = JSON.parse(JSON.stringify(probeObjects(HOSTILE)));
    for (const version of ['1.1', '1.2'] as const) {
      expect({ version, read: YAML.parseAllDocuments(toYaml(objects), { version }).map(d => d.toJS()) }).toEqual({ version, read: objects });
    }
  });

  test('toYaml of a rendered cluster full of hostile strings', () => {
    const manifests = renderManagedCluster(hostileCluster(HOSTILE)).manifests;
    const read = kubectlRead(toYaml(manifests));
    expect(read.error).toBeUndefined();
    expect(read.objects).toEqual(JSON.parse(JSON.stringify(manifests)));
  });

  describe('cdk8s synth, whose writer the library cannot configure', () => {
    const accepted = HOSTILE.filter(s => cdk8sYamlIssues(probeObjects([s])).length === 0);
    const refused = HOSTILE.filter(s => !accepted.includes(s));

    test('every string the cdk8s engine accepts, kubectl reads back exactly from cdk8s synth output', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capi-kubectl-'));
      try {
        const spec = hostileCluster(accepted);
        const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
        new ManagedCluster(new Chart(app, 'c'), 'demo', spec);
        app.synth();
        const read = kubectlRead(fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8'));
        expect(read.error).toBeUndefined();
        const core = JSON.parse(JSON.stringify(renderManagedCluster(spec).manifests));
        const key = (o: any) => `${o.kind}/${o.metadata.name}`;
        expect([...read.objects!].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(core.sort((a: any, b: any) => key(a).localeCompare(key(b))));
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });

    test('every string it refuses, cdk8s\'s writer really writes so that kubectl reads something else', () => {
      expect(refused).toEqual(expect.arrayContaining(['0o17', '0O17', '0X1F', '0B11', '<<', 'line\u2028sep', '\u2028']));
      for (const s of refused) {
        const objects = probeObjects([s]);
        const read = kubectlRead(Yaml.stringify(...objects));
        if (read.error === undefined) expect({ s, read: read.objects }).not.toEqual({ s, read: JSON.parse(JSON.stringify(objects)) });
      }
    });
  });
});

describe('the library reads YAML as kubectl does', () => {
  /** Plain (unquoted) scalars whose reading differs between YAML readers. */
  const PLAIN = [
    '0o17', '0O17', '0x1F', '0X1F', '0b11', '0B11', '0644', '08', '09', '0_1', '1_000', '+1', '-1', '-0', '0', '1e3', '1E3', '1.', '.5', '5.0e-3', '1e+21', 'E0', 'e5',
    '9007199254740993', 'yes', 'No', 'on', 'OFF', 'y', 'N', 'true', 'False', 'TRUE', '~', 'null', 'Null', 'NULL', 'nULL', 'yEs', '2001-12-14', '2001-12-14T21:59:43Z', '2001-12-14 21:59:43',
    '12:30', '1:20:30', 'Inf', 'NaN', '0x', '0o8', '0b2', '1__0', '_1', 'abc', 'a b', '1 2', '0.1.2', 'v1.34.1', '10.0.0.0/16',
  ];

  test('plain scalars, as values and keys', () => {
    // A key that reads as null is refused by both (tested below).
    const asKey = (s: string) => (['~', 'null', 'Null', 'NULL'].includes(s) ? '' : `  ${s}: key\n`);
    const text = PLAIN.map((s, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t${i}\ndata:\n  v: ${s}\n${asKey(s)}`).join('---\n');
    const read = kubectlRead(text);
    expect(read.error).toBeUndefined();
    const ours = parseYamlDocuments(text);
    PLAIN.forEach((s, i) => expect({ s, ours: ours[i].value }).toEqual({ s, ours: read.objects![i] }));
  });

  test('a merge key, block scalars, anchors, quoted and tagged scalars', () => {
    const text = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: m', 'base: &b', '  a: 1', '  b: two', 'data:', '  <<: *b', '  b: "0o17"', "  c: '0644'", '  d: !!str 0x1F',
      '  e: |', '    line', '      more', '  f: >-', '    folded', '    text', '  g: *b', '  h: [1, yes, "on", ~]',
    ].join('\n') + '\n';
    const read = kubectlRead(text);
    expect(read.error).toBeUndefined();
    expect(parseYamlDocuments(text)[0].value).toEqual(read.objects![0]);
  });

  test('what kubectl refuses, the library refuses too (with the reason)', () => {
    const doc = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${body}`;
    for (const [body, reason] of [
      ['  ~: key\n', /^a null key at \(top\)\.data \(kubectl refuses it; quote it for a string\)$/],
      ['  v: "a\u0007b"\n', /^line 6 holds the control character U\+0007, which kubectl refuses/],
      ['  v: a\u009fb\n', /^line 6 holds the control character U\+009F, which kubectl refuses/],
    ] as const) {
      expect({ body, kubectl: kubectlRead(doc(body)).error !== undefined }).toEqual({ body, kubectl: true });
      expect(parseYamlDocuments(doc(body))[0].error).toMatch(reason);
    }
    for (const s of ['.inf', '-.Inf', '.nan']) {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: ${s}\n`;
      expect({ s, kubectl: kubectlRead(text).error !== undefined }).toEqual({ s, kubectl: true });
      expect(parseYamlDocuments(text)[0].error).toMatch(/is not a JSON number \(kubectl refuses it unquoted\); quote it for a string/);
    }
  });
});
