/**
 * A provider that exists only here (Acme), plugged in as a third party would: registered with
 * `registerProvider`, its spec sections added by declaration merging, then rendered end to end
 * by the core, the cdk8s ClusterChart and the Pulumi ManagedCluster.
 */
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { ANNOTATIONS, CapiValidationError, InfrastructureProvider, IssueSink, registerProvider, renderManagedCluster, validateClusterSpec } from '../lib';
import { CapturedOptions, captureOptions, installMocks, settle, valueOf } from './pulumi/_mocks';

interface AcmeClusterSpec {
  /** Acme zone, e.g. `east-1`. */
  readonly zone: string;
  /** Host of the API server's load balancer: only goes into the AcmeCluster, so it may be a Pulumi Input. */
  readonly endpointHost?: string;
}

interface AcmeMachineSpec {
  /** @default 'standard' */
  readonly flavor?: string;
}

declare module '../lib/core/spec/provider-sections' {
  interface InfrastructureSpec {
    readonly acme?: AcmeClusterSpec;
  }
  interface MachineSpec {
    readonly acme?: AcmeMachineSpec;
  }
}

declare module '../lib/pulumi/managed-cluster' {
  interface InfrastructureInputArgs {
    readonly acme?: Omit<AcmeClusterSpec, 'endpointHost'> & { readonly endpointHost?: pulumi.Input<string> };
  }
}

const ACME_API = 'infrastructure.acme.example/v1beta1';

const acmeProvider: InfrastructureProvider<AcmeClusterSpec, AcmeMachineSpec> = {
  id: 'acme',
  operatorName: 'acme',
  apiVersion: ACME_API,
  clusterKind: 'AcmeCluster',
  machineTemplateKind: 'AcmeMachineTemplate',
  clusterShape: { zone: 'string', endpointHost: 'string' },
  machineShape: { flavor: 'string' },
  kubeadmDefaults: { kubeletExtraArgs: { 'cloud-provider': 'external' }, nodeName: '{{ acme.hostname }}' },
  inputLeaves: [{ path: 'endpointHost', placeholder: n => `acme-input-${n}.example` }],
  validateCluster(spec: AcmeClusterSpec, report: IssueSink) {
    if (typeof spec.zone !== 'string' || !/^[a-z]+-[0-9]$/.test(spec.zone)) {
      report({ path: 'zone', message: 'must be an Acme zone', value: spec.zone, allowed: 'e.g. east-1', fix: 'write the zone as <region>-<n>' });
    }
  },
  validateMachine(spec: AcmeMachineSpec | undefined, _role, report: IssueSink) {
    if (spec?.flavor !== undefined && !['standard', 'large'].includes(spec.flavor)) {
      report({ path: 'flavor', message: 'unknown Acme flavor', value: spec.flavor, allowed: 'standard, large' });
    }
  },
  // Acme machines read their zone from a file, and workers the name of their template.
  machineBootstrap: (spec, { role, machineTemplateName }) => ({
    files: [{ path: '/etc/acme/zone', content: spec.zone }, ...(role === 'worker' ? [{ path: '/etc/acme/template', content: machineTemplateName }] : [])],
    preKubeadmCommands: [`acme-agent --role ${role}`],
  }),
  renderClusterSpec: spec => ({ zone: spec.zone, controlPlaneEndpoint: spec.endpointHost ? { host: spec.endpointHost, port: 6443 } : undefined }),
  renderMachineSpec: (spec, role, cluster) => ({ flavor: spec?.flavor ?? (role === 'control-plane' ? 'large' : 'standard'), zone: cluster.zone }),
};

// GIVEN Pulumi mocks (before any engine module loads) and the provider registered.
const registered = installMocks();
registerProvider(acmeProvider);

const ACME_SPEC = {
  name: 'acme-1',
  namespace: 'acme',
  version: 'v1.34.2',
  infrastructure: { acme: { zone: 'east-1', endpointHost: 'api.acme-1.example' } },
  controlPlane: { replicas: 1 },
  workerPools: [{ name: 'general', replicas: 2, machine: { acme: { flavor: 'large' } } }],
};

describe('a provider registered by a third party', () => {
  test('the core renders its kinds at its apiVersion, with its kubeadm defaults and hash-named templates', () => {
    const r = renderManagedCluster(ACME_SPEC);
    expect(r.manifests.map(m => `${m.apiVersion} ${m.kind}`).filter(k => k.startsWith(ACME_API))).toEqual([
      `${ACME_API} AcmeCluster`, `${ACME_API} AcmeMachineTemplate`, `${ACME_API} AcmeMachineTemplate`,
    ]);
    const cluster = r.manifests.find(m => m.kind === 'Cluster') as any;
    expect(cluster.spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.acme.example', kind: 'AcmeCluster', name: 'acme-1' });
    expect((r.manifests[0] as any).spec).toEqual({ zone: 'east-1', controlPlaneEndpoint: { host: 'api.acme-1.example', port: 6443 } });
    const templates = r.manifests.filter(m => m.kind === 'AcmeMachineTemplate') as any[];
    expect(templates.map(t => t.metadata.name)).toEqual([expect.stringMatching(/^acme-1-control-plane-[0-9a-f]{8}$/), expect.stringMatching(/^acme-1-general-[0-9a-f]{8}$/)]);
    expect(templates.map(t => t.spec.template.spec)).toEqual([{ flavor: 'large', zone: 'east-1' }, { flavor: 'large', zone: 'east-1' }]);
    for (const t of templates) expect(t.metadata.annotations).toEqual({ [ANNOTATIONS.fluxPrune]: 'disabled', [ANNOTATIONS.argoSyncOptions]: 'Prune=false' });
    const kcp = r.manifests.find(m => m.kind === 'KubeadmControlPlane') as any;
    expect(kcp.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration).toEqual({ name: '{{ acme.hostname }}', kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }] });
  });

  test('its machine files and commands come before the user\'s, with the machine template name; a user file at one of its paths is an error', () => {
    const spec = { ...ACME_SPEC, controlPlane: { replicas: 1, preKubeadmCommands: ['echo mine'], files: [{ path: '/etc/mine', content: 'x' }] } };
    const r = renderManagedCluster(spec);
    const kcp = r.manifests.find(m => m.kind === 'KubeadmControlPlane') as any;
    expect(kcp.spec.kubeadmConfigSpec.files).toEqual([{ path: '/etc/acme/zone', content: 'east-1' }, { path: '/etc/mine', content: 'x' }]);
    expect(kcp.spec.kubeadmConfigSpec.preKubeadmCommands).toEqual(['acme-agent --role control-plane', 'echo mine']);
    const workerTemplate = r.manifests.find(m => m.kind === 'AcmeMachineTemplate' && m.metadata.name.startsWith('acme-1-general-'))!;
    const kct = r.manifests.find(m => m.kind === 'KubeadmConfigTemplate') as any;
    expect(kct.spec.template.spec.files).toEqual([{ path: '/etc/acme/zone', content: 'east-1' }, { path: '/etc/acme/template', content: workerTemplate.metadata.name }]);
    expect(kct.spec.template.spec.preKubeadmCommands).toEqual(['acme-agent --role worker']);

    const clash = { ...ACME_SPEC, workerPools: [{ name: 'general', files: [{ path: '/etc/ok', content: 'ok' }, { path: '/etc/acme/template', content: 'mine' }] }] };
    expect(() => renderManagedCluster(clash)).toThrow(/- workerPools\[0\]\.files\[1\]\.path: the acme provider writes this file on worker machines \(got "\/etc\/acme\/template"\)/);
  });

  test('its validation rules run, at paths under its sections', () => {
    const bad = { ...ACME_SPEC, infrastructure: { acme: { zone: 'East' } }, workerPools: [{ name: 'general', machine: { acme: { flavor: 'huge' } } }] };
    expect(() => renderManagedCluster(bad)).toThrow(CapiValidationError);
    expect(() => renderManagedCluster(bad)).toThrow(/ {2}- infrastructure\.acme\.zone: must be an Acme zone \(got "East"; allowed: e\.g\. east-1\)\. Fix: write the zone as <region>-<n>\n {2}- workerPools\[0\]\.machine\.acme\.flavor: unknown Acme flavor \(got "huge"; allowed: standard, large\)/);
  });

  test('a misspelled provider section is named, with the registered providers (acme among them) and the closest one', () => {
    const issues = validateClusterSpec({ ...ACME_SPEC, infrastructure: { acmee: { zone: 'east-1' } } as any });
    expect(issues).toEqual([
      {
        path: 'infrastructure.acmee', message: 'unknown property: did you mean "acme"?', allowed: 'aws, dev, vsphere, azure, acme', fix: 'rename it to acme',
      },
      expect.objectContaining({ path: 'infrastructure', message: 'no infrastructure provider is set', allowed: 'aws, dev, vsphere, azure, acme', fix: 'set exactly one of infrastructure.aws, infrastructure.dev, infrastructure.vsphere, infrastructure.azure, infrastructure.acme' }),
    ]);
    const two = validateClusterSpec({ ...ACME_SPEC, infrastructure: { acme: { zone: 'east-1' }, dev: {} } as any });
    expect(two.find(i => i.path === 'infrastructure')).toEqual(expect.objectContaining({ message: 'exactly one provider section must be set, got acme, dev' }));
  });

  test('the cdk8s ClusterChart synthesizes the same objects', async () => {
    const { ClusterChart } = await import('../lib/cdk8s');
    const app = Testing.app();
    const chart = new ClusterChart(app, 'acme-1', ACME_SPEC);
    expect(Testing.synth(chart)).toEqual(renderManagedCluster(ACME_SPEC).manifests);
    expect(() => new ClusterChart(Testing.app(), 'bad', { ...ACME_SPEC, infrastructure: { acme: { zone: 'East' } } })).toThrow(/infrastructure\.acme\.zone: must be an Acme zone/);
  });

  test('the Pulumi ManagedCluster registers its kinds, takes an Output at its input leaf and retains its templates', async () => {
    const { ManagedCluster, planClusterResources } = await import('../lib/pulumi');
    const endpointHost = pulumi.output('api.acme-1.example');
    const args = { ...ACME_SPEC, infrastructure: { acme: { zone: 'east-1', endpointHost } } };
    const captured: CapturedOptions[] = [];
    const cluster = new ManagedCluster('acme-1', args, { transformations: [captureOptions(captured)] });
    const manifests = await valueOf(cluster.manifests);
    await settle(registered);
    expect(manifests).toEqual(renderManagedCluster(ACME_SPEC).manifests);

    const acmeCluster = registered.find(r => r.type === `kubernetes:${ACME_API}:AcmeCluster`)!;
    expect(acmeCluster.name).toBe('acme/acme-1/AcmeCluster/acme-1');
    expect(acmeCluster.inputs.spec.controlPlaneEndpoint).toEqual({ host: 'api.acme-1.example', port: 6443 });
    const plan = planClusterResources('acme-1', args);
    expect(plan.resources.filter(r => r.inputs.length > 0).map(r => [r.manifest.kind, r.inputs.map(s => s.path)])).toEqual([['AcmeCluster', ['infrastructure.acme.endpointHost']]]);
    expect(plan.resources.filter(r => r.manifest.kind === 'AcmeMachineTemplate').map(r => r.retainOnDelete)).toEqual([true, true]);
    const templates = captured.filter(c => c.type === `kubernetes:${ACME_API}:AcmeMachineTemplate`);
    expect(templates.map(t => t.name)).toEqual([expect.stringMatching(/^acme\/acme-1\/AcmeMachineTemplate\/acme-1-control-plane-[0-9a-f]{8}$/), expect.stringMatching(/^acme\/acme-1\/AcmeMachineTemplate\/acme-1-general-[0-9a-f]{8}$/)]);
    expect(templates.map(t => t.opts.retainOnDelete)).toEqual([true, true]);
    expect(captured.filter(c => c.opts.retainOnDelete).map(c => c.type.split(':').pop())).toEqual(['AcmeMachineTemplate', 'AcmeMachineTemplate', 'KubeadmConfigTemplate']);
    expect(registered.filter(r => r.type === `kubernetes:${ACME_API}:AcmeMachineTemplate`)).toHaveLength(2);

    // An Output anywhere else is refused, and the allowed leaves are acme's.
    const wrong = { ...ACME_SPEC, workerPools: [{ name: 'general', machine: { acme: { flavor: pulumi.output('large') as any } } }] };
    expect(() => planClusterResources('acme-1', wrong)).toThrow(/- workerPools\[0\]\.machine\.acme\.flavor: a Pulumi Output or Promise is not allowed here.*allowed: Inputs only at infrastructure\.acme\.endpointHost\)/);
    expect(() => planClusterResources('acme-1', { ...ACME_SPEC, infrastructure: { acme: { zone: 'East' } } })).toThrow(/- infrastructure\.acme\.zone: must be an Acme zone/);
  });

  test('a Pulumi WorkerPool of a reference to an Acme cluster renders the provider\'s template, as the cluster would', async () => {
    const { planWorkerPoolResources } = await import('../lib/pulumi');
    const reference = { name: 'acme-1', namespace: 'acme', version: 'v1.34.2', infrastructure: { acme: { zone: 'east-1', endpointHost: pulumi.output('api.acme-1.example') } } };
    const plan = planWorkerPoolResources('general', { cluster: reference, replicas: 2, machine: { acme: { flavor: 'large' } } });
    const whole = renderManagedCluster(ACME_SPEC);
    expect(plan.resources.map(r => r.manifest)).toEqual(whole.manifests.filter((_, i) => whole.roles[i].startsWith('pool/general/')));
    expect(plan.resources.filter(r => r.retainOnDelete).map(r => r.manifest.kind)).toEqual(['AcmeMachineTemplate', 'KubeadmConfigTemplate']);
  });
});
