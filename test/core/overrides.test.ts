/** Overrides: paths are data, protected fields and their parents stay the core's, and the final objects obey the spec's rules. */
import { ObjectOverride, renderManagedCluster, validateClusterSpec } from '../../lib';
import { devSpec, problemsOf } from './fixtures';

const withOverrides = (...overrides: ObjectOverride[]) => devSpec({ workerPools: [{ name: 'md-0', replicas: 2, healthCheck: {} }], overrides });
const problems = (...overrides: ObjectOverride[]) => problemsOf(() => renderManagedCluster(withOverrides(...overrides)));
const render = (...overrides: ObjectOverride[]) => renderManagedCluster(withOverrides(...overrides)).manifests;
const kcpOf = (ms: ReturnType<typeof render>) => ms.find(m => m.kind === 'KubeadmControlPlane') as any;

describe('the spec rules hold for the final objects', () => {
  test('an even or minor-only control plane cannot be made through an override', () => {
    expect(problems(
      { target: 'control-plane', path: 'spec.replicas', value: 4 },
      { target: 'control-plane', path: 'spec.version', value: 'v1.34' },
    )).toEqual([
      'overrides[0] (KubeadmControlPlane spec.replicas): an even number of control-plane machines does not help: etcd needs a majority, so 4 machines tolerate as many failures as 3, and a split can lose quorum',
      "overrides[1] (KubeadmControlPlane spec.version): a minor-only version is rejected by CAPI's webhooks",
    ]);
  });

  test('a rollout that can never replace a machine, a too short node startup timeout and bad CIDRs are refused after overrides too', () => {
    expect(problems(
      { target: 'pool/md-0/machine-deployment', path: 'spec.rollout.strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } },
      { target: 'pool/md-0/health-check', path: 'spec.checks.nodeStartupTimeoutSeconds', value: 10 },
      { target: 'cluster', path: 'spec.clusterNetwork.services.cidrBlocks', value: ['192.168.0.0/20'] },
      { target: 'control-plane', path: ['metadata', 'labels', 'bad key'], value: 'x' },
    )).toEqual([
      'overrides[3] (KubeadmControlPlane metadata.labels.bad key): invalid label key: the name part "bad key" must be 1-63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
      'overrides[2] (Cluster spec.clusterNetwork.services.cidrBlocks[0]): the service network overlaps the pod network 192.168.0.0/16',
      'overrides[0] (MachineDeployment spec.rollout.strategy.rollingUpdate): maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a machine',
      'overrides[1] (MachineHealthCheck spec.checks.nodeStartupTimeoutSeconds): must be 0 (no node startup check) or at least 30 seconds, as the MachineHealthCheck webhook requires',
    ]);
  });

  test('credential fields of the kubeadm types cannot be written, and the error does not repeat them', () => {
    const token = 'abcdef.0123456789abcdef';
    const e = (() => {
      try {
        renderManagedCluster(withOverrides(
          { target: 'control-plane', path: 'spec.kubeadmConfigSpec.initConfiguration.bootstrapTokens', value: [{ token }] },
          { target: 'pool/md-0/bootstrap-template', path: 'spec.template.spec.joinConfiguration.discovery', value: { bootstrapToken: { token }, tlsBootstrapToken: token } },
        ));
      } catch (err) {
        return err as Error & { issues: unknown[] };
      }
      throw new Error('expected a validation error');
    })();
    expect(e.message).not.toContain(token);
    expect(JSON.stringify(e.issues)).not.toContain(token);
    expect(problems(
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.initConfiguration.bootstrapTokens', value: [{ token }] },
      { target: 'pool/md-0/bootstrap-template', path: 'spec.template.spec.joinConfiguration.discovery', value: { bootstrapToken: { token }, tlsBootstrapToken: token } },
    )).toEqual([
      'overrides[0] (KubeadmControlPlane spec.kubeadmConfigSpec.initConfiguration.bootstrapTokens[0].token): bootstrap tokens are credentials: CAPI generates and rotates them, and a fixed one would be written to Git',
      'overrides[1] (KubeadmConfigTemplate spec.template.spec.joinConfiguration.discovery.bootstrapToken.token): the join token is a credential: CAPI generates and rotates it, and a fixed one would be written to Git',
      'overrides[1] (KubeadmConfigTemplate spec.template.spec.joinConfiguration.discovery.tlsBootstrapToken): the TLS bootstrap token is a credential and would be written to Git',
    ]);
  });

  test('a value with toJSON cannot smuggle a password past the check', () => {
    const sneaky = { toJSON: () => [{ name: 'ops', passwd: 'hunter2' }] };
    expect(validateClusterSpec(withOverrides({ target: 'control-plane', path: 'spec.kubeadmConfigSpec.users', value: sneaky })).map(i => `${i.path}: ${i.message}`)).toEqual([
      'overrides[0].value: must be JSON data: an object with a toJSON method',
    ]);
  });

  test('two files with one path are refused after overrides, as the bootstrap webhook does', () => {
    expect(problems({ target: 'pool/md-0/bootstrap-template', path: 'spec.template.spec.files', value: [{ path: '/etc/a', content: 'x' }, { path: '/etc/a', content: 'y', append: true }] })).toEqual([
      "overrides[0] (KubeadmConfigTemplate spec.template.spec.files[1].path): another file writes the same path (spec.template.spec.files[0]); CAPI's bootstrap webhook refuses a repeated path, with append too",
    ]);
  });
});

describe('removing a field', () => {
  test('prunes the parents it leaves empty, which the CRDs reject', () => {
    const kcp = kcpOf(render(
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.clusterConfiguration.apiServer', remove: true },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.clusterConfiguration.controllerManager', remove: true },
    ));
    expect(kcp.spec.kubeadmConfigSpec).not.toHaveProperty('clusterConfiguration');
    expect(kcp.spec.kubeadmConfigSpec.initConfiguration).toBeDefined();
  });

  test('keeps an emptied taints list (it means "no taints") and a parent that still holds fields', () => {
    const kcp = kcpOf(render(
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints', value: [{ key: 'a', effect: 'NoSchedule' }] },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints[0]', remove: true },
    ));
    expect(kcp.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints).toEqual([]);
  });

  test('of something absent changes nothing', () => {
    expect(kcpOf(render({ target: 'control-plane', path: 'spec.nothing.here', remove: true }))).toEqual(kcpOf(render()));
  });
});

describe('override paths are data', () => {
  afterEach(() => {
    expect(({} as any).polluted).toBeUndefined();
    expect(typeof Object.prototype.hasOwnProperty).toBe('function');
  });

  test.each<[string | Array<string | number>, boolean]>([
    ['__proto__.polluted', false],
    [['__proto__', 'hasOwnProperty'], true],
    ['constructor.prototype.polluted', false],
    ['spec.prototype', false],
  ])('%j is refused and reaches no prototype', (path, remove) => {
    const key = (Array.isArray(path) ? path : path.split('.')).find(s => ['__proto__', 'constructor', 'prototype'].includes(s as string));
    const why = key === '__proto__' ? 'it names the JavaScript object prototype, not a field' : 'it names a JavaScript built-in, not a field of a Kubernetes object';
    const o: ObjectOverride = remove ? { target: 'cluster', path, remove } : { target: 'cluster', path, value: true };
    expect(validateClusterSpec(withOverrides(o)).map(i => `${i.path}: ${i.message}`)).toEqual([`overrides[0].path: "${key}" cannot be a key: ${why}`]);
    expect(problems(o)).toEqual([`overrides[0].path: "${key}" cannot be a key: ${why}`]);
  });

  test('a YAML merge key "<<" is refused in paths and in values', () => {
    expect(problems(
      { target: 'cluster', path: ['metadata', 'annotations', '<<'], value: 'x' },
      { target: 'cluster', path: 'spec.topology', value: { '<<': { a: 1 } } },
    )).toEqual([
      // Shape problems (the value) come before rule problems (the path).
      'overrides[1].value: must be JSON data: a "<<" key (YAML readers such as kubectl read a "<<" key as a merge of another mapping)',
      'overrides[0].path: "<<" cannot be a key: YAML readers such as kubectl read a "<<" key as a merge of another mapping',
    ]);
  });

  test('malformed paths are refused with the reason', () => {
    expect(problems(
      { target: 'cluster', path: 'spec..paused', value: true },
      { target: 'cluster', path: 'spec.x[a]', value: true },
      { target: 'cluster', path: ['spec', -1], value: true },
      { target: 'cluster', path: [], value: true },
    )).toEqual([
      'overrides[0].path: has an empty segment (two dots in a row, or a leading or trailing dot)',
      'overrides[1].path: cannot read the segment "x[a]": write list indexes as [0], or pass the path as a list of segments when a key holds brackets',
      'overrides[2].path: segment 1 must be a non-empty string or a list index (an integer >= 0)',
      'overrides[3].path: must not be empty',
    ]);
  });

  test('list indexes must address a list and leave no gap', () => {
    expect(problems(
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.files', value: [{ path: '/a', content: 'a' }] },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.files[3]', value: { path: '/b', content: 'b' } },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.files.first', value: 1 },
      { target: 'control-plane', path: 'spec[0]', value: 1 },
    )).toEqual([
      'overrides[1].path: spec.kubeadmConfigSpec.files has 1 items: [3] would leave a gap',
      'overrides[2].path: spec.kubeadmConfigSpec.files is a list: address its items by index',
      'overrides[3].path: spec is not a list: [0] addresses a list item',
    ]);
    const kcp = kcpOf(render(
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.files', value: [{ path: '/a', content: 'a' }] },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.files[1]', value: { path: '/b', content: 'b' } },
    ));
    expect(kcp.spec.kubeadmConfigSpec.files.map((f: any) => f.path)).toEqual(['/a', '/b']);
  });
});

describe('what the core derives cannot be overridden, nor replaced with its parent', () => {
  test('names, references, selectors and the cluster-name label', () => {
    expect(problems(
      { target: 'cluster', path: 'metadata', value: { name: 'other', namespace: 'kube-system' } },
      { target: 'cluster', path: 'spec.controlPlaneRef.name', value: 'elsewhere' },
      { target: 'cluster', path: 'spec', remove: true },
      { target: 'pool/md-0/machine-deployment', path: 'spec.template', value: {} },
      { target: 'pool/md-0/machine-deployment', path: ['metadata', 'labels', 'cluster.x-k8s.io/cluster-name'], value: 'x' },
      { target: 'control-plane', path: 'metadata.labels', value: { team: 'a' } },
    )).toEqual([
      // In the order the objects are rendered: the control plane comes before the Cluster.
      'overrides[5].path: metadata.labels cannot be overridden as a whole: it holds metadata.labels.cluster.x-k8s.io/cluster-name, and CAPI finds the objects of a cluster by this label',
      'overrides[0].path: metadata cannot be overridden as a whole: it holds metadata.name, and names are derived by the core (templates carry a spec hash); pin names with the `names` props instead',
      'overrides[1].path: spec.controlPlaneRef.name cannot be overridden: the core derives it from the names of the objects it renders, so it points at them',
      'overrides[2].path: spec cannot be removed as a whole: it holds spec.controlPlaneRef, and the core derives it from the names of the objects it renders, so it points at them',
      'overrides[3].path: spec.template cannot be overridden as a whole: it holds spec.template.spec.clusterName, and the core derives it from the names of the objects it renders, so it points at them',
      'overrides[4].path: metadata.labels.cluster.x-k8s.io/cluster-name cannot be overridden: CAPI finds the objects of a cluster by this label',
    ]);
  });

  test('a parent is free where it holds nothing protected (a machine template spec)', () => {
    expect(problems({ target: 'pool/md-0/machine-template', path: 'spec.template.spec', value: { customImage: 'kindest/node:v1.34.1' } })).toEqual([]);
    expect(problems({ target: 'control-plane', path: ['metadata', 'labels', 'team'], value: 'a' })).toEqual([]);
  });
});
