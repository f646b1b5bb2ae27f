/** The add-on rules of validateClusterSpec: every problem with its path and fix. */
import { AddonSpec, formatIssue, ManagedClusterSpec, validateClusterSpec } from '../../lib';
import { awsSpec, devSpec } from '../core/fixtures';

const problems = (spec: ManagedClusterSpec) => validateClusterSpec(spec).map(formatIssue);
const withAddons = (...addons: unknown[]) => devSpec({ addons: addons as AddonSpec[] });
const helm = { name: 'app', kind: 'helm', repository: 'https://charts.example.com', chart: 'app', version: '1.2.3' };

test('valid add-ons of every kind pass', () => {
  expect(problems(awsSpec({ addons: [
    { name: 'cni', kind: 'cni', plugin: 'cilium' },
    { name: 'csi', kind: 'csi', enabled: false },
    helm as AddonSpec,
    { name: 'extra', kind: 'manifests', strategy: 'ApplyOnce', secrets: ['a-secret'] },
  ] }))).toEqual([]);
});

test.each<[string, unknown, RegExp]>([
  ['a range', { ...helm, version: '^1.2.0' }, /addons\[0\]\.version: must be an exact chart version.*got "\^1\.2\.0"/],
  ['a wildcard', { name: 'cni', kind: 'cni', plugin: 'calico', version: '3.x' }, /addons\[0\]\.version: must be an exact chart version/],
  ['no version on a helm chart', { ...helm, version: undefined }, /addons\[0\]\.version: a chart add-on needs its exact chart version/],
])('throws when the version is not pinned: %s', (_what, addon, message) => {
  expect(problems(withAddons(addon)).join('\n')).toMatch(message);
});

test('throws on duplicate names, unknown kinds, fields of another kind and misspelled properties, all at once', () => {
  const all = problems(withAddons(helm, { ...helm, chart: 'other' }, { name: 'x', kind: 'kustomize' }, { ...helm, name: 'y', plugin: 'cilium' }, { ...helm, name: 'z', vesion: '1' })).join('\n');
  expect(all).toMatch(/addons\[1\]\.name: duplicate add-on name \(also addons\[0\]\)/);
  expect(all).toMatch(/addons\[2\]\.kind: unknown add-on kind \(got "kustomize"; allowed: cni, cloud-controller-manager, csi, helm, manifests\)/);
  expect(all).toMatch(/addons\[3\]\.plugin: is not a field of a helm add-on/);
  expect(all).toMatch(/addons\[4\]\.vesion: unknown property: did you mean "version"\?/);
});

test.each<[string, unknown, RegExp]>([
  ['no strategy', { name: 'm', kind: 'manifests', content: 'kind: Namespace\n' }, /addons\[0\]\.strategy: a manifests add-on needs an explicit strategy.*ApplyOnce applies each resource once/],
  ['nothing to apply', { name: 'm', kind: 'manifests', strategy: 'Reconcile' }, /addons\[0\]\.content: a manifests add-on needs content or secrets/],
  ['an http repository', { ...helm, repository: 'http://charts.example.com' }, /addons\[0\]\.repository: must be an https:\/\/ chart repository or an oci:\/\/ registry path/],
  ['a chart path in chart', { ...helm, chart: 'charts/app' }, /addons\[0\]\.chart: must be the name of the chart/],
  ['no CNI plugin', { name: 'cni', kind: 'cni' }, /addons\[0\]\.plugin: a cni add-on needs its plugin/],
  ['a channel that is no label value', { ...helm, channel: 'Canary!' }, /addons\[0\]\.channel: /],
  ['a CCM on a provider without one', { name: 'ccm', kind: 'cloud-controller-manager' }, /addons\[0\]\.kind: the dev provider has no cloud-controller-manager chart/],
])('throws on %s', (_what, addon, message) => {
  expect(problems(withAddons(addon)).join('\n')).toMatch(message);
});

test('throws when a cluster label would select it for add-ons it does not declare', () => {
  expect(problems(devSpec({ labels: { 'addons.capi-constructs.io/cni': 'default' } })).join('\n'))
    .toMatch(/labels\.addons\.capi-constructs\.io\/cni: is an add-on selection label.*Fix: declare the add-on in addons instead/);
});

test("throws when an entry named after a provider default changes the default's kind", () => {
  expect(problems(awsSpec({ addons: [helm as AddonSpec, { ...helm, name: 'csi' } as AddonSpec] })).join('\n'))
    .toMatch(/addons\[1\]\.kind: csi is the aws provider's default csi add-on \(got "helm"; allowed: csi\)/);
});

test('throws when the version table has no row for the minor, and says what to pin', () => {
  const spec = awsSpec({ version: 'v1.37.0', supportedVersions: { oldest: 'v1.31', newest: 'v1.37' } });
  expect(problems(spec).join('\n')).toMatch(/\(provider default cloud-controller-manager\)\.version: the cloud-controller-manager version table has no row for Kubernetes v1\.37/);
});

test('the provider defaults are on for every AWS cluster: a spec without addons is valid and gets them', () => {
  expect(problems(awsSpec())).toEqual([]);
});
