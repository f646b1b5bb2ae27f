import {
  CapiValidationError, FEATURE_GATE_REQUIREMENTS, ManagedClusterSpec, ManagementClusterSpec, renderManagementCluster, validateClusterForManagement, validateManagementCluster,
} from '../../lib';

const spec: ManagementClusterSpec = {
  name: 'mgmt',
  kubernetesVersion: 'v1.34.2',
  clusterApiVersion: 'v1.14.0',
  providers: {
    core: { manager: { featureGates: { MachineTaintPropagation: true } } },
    infrastructure: {
      aws: {
        version: 'v2.11.1',
        configSecret: { externalSecret: { storeName: 'vault', variables: [{ variable: 'AWS_B64ENCODED_CREDENTIALS', remoteKey: 'capi/aws', property: 'b64credentials' }] } },
      },
      docker: {},
    },
    addon: { helm: { version: 'v0.6.4' } },
  },
};

const paths = (issues: readonly { path: string }[]) => issues.map(i => i.path);

describe('rendering', () => {
  test('namespaces first, then the ExternalSecret, then the providers with the core first, each in its upstream namespace', () => {
    const { manifests } = renderManagementCluster(spec);
    expect(manifests.map(m => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`)).toEqual([
      'Namespace//caaph-system', 'Namespace//capa-system', 'Namespace//capd-system', 'Namespace//capi-kubeadm-bootstrap-system',
      'Namespace//capi-kubeadm-control-plane-system', 'Namespace//capi-system',
      'ExternalSecret/capa-system/aws-variables',
      'CoreProvider/capi-system/cluster-api', 'BootstrapProvider/capi-kubeadm-bootstrap-system/kubeadm',
      'ControlPlaneProvider/capi-kubeadm-control-plane-system/kubeadm', 'InfrastructureProvider/capa-system/aws',
      'InfrastructureProvider/capd-system/docker', 'AddonProvider/caaph-system/helm',
    ]);
    const byKey = new Map(manifests.map(m => [`${m.kind}/${m.metadata.name}`, m]));
    expect(byKey.get('CoreProvider/cluster-api')!.spec).toEqual({ version: 'v1.14.0', manager: { featureGates: { MachineTaintPropagation: true } } });
    // Released with Cluster API: the kubeadm providers and CAPD default to its version.
    expect((byKey.get('InfrastructureProvider/docker')!.spec as any).version).toBe('v1.14.0');
    expect(byKey.get('InfrastructureProvider/aws')!.spec).toEqual({ version: 'v2.11.1', configSecret: { name: 'aws-variables', namespace: 'capa-system' } });
    expect(byKey.get('ExternalSecret/aws-variables')!.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name: 'aws-variables', creationPolicy: 'Owner' },
      data: [{ secretKey: 'AWS_B64ENCODED_CREDENTIALS', remoteRef: { key: 'capi/aws', property: 'b64credentials' } }],
    });
    for (const m of manifests) expect(m.metadata.labels).toEqual({ 'capi-constructs.io/management-cluster': 'mgmt' });
  });

  test('manager settings, fetchConfig, an existing Secret and a provider the library does not know', () => {
    const { manifests } = renderManagementCluster({
      ...spec,
      providers: {
        infrastructure: {
          vsphere: {
            version: 'v1.16.1', namespace: 'vsphere-providers', fetchConfig: { oci: 'registry.example.com/capi/capv-components:v1.16.1' },
            manager: { maxConcurrentReconciles: 5, verbosity: 4, additionalArgs: { '--sync-period': '10m' } },
            configSecret: { existingSecret: { name: 'vsphere-variables' } },
          },
          metal3: { version: 'v1.10.0', contract: 'v1beta1', fetchConfig: { url: 'https://github.com/metal3-io/cluster-api-provider-metal3/releases' } },
        },
      },
    });
    const vsphere = manifests.find(m => m.metadata.name === 'vsphere')!;
    expect(vsphere.metadata.namespace).toBe('vsphere-providers');
    expect(vsphere.spec).toEqual({
      version: 'v1.16.1', fetchConfig: { oci: 'registry.example.com/capi/capv-components:v1.16.1' },
      manager: { maxConcurrentReconciles: 5, verbosity: 4, additionalArgs: { '--sync-period': '10m' } },
      configSecret: { name: 'vsphere-variables' },
    });
    // The operator Helm chart's convention for a provider without an upstream namespace here.
    expect(manifests.find(m => m.metadata.name === 'metal3')!.metadata.namespace).toBe('metal3-infrastructure-system');
  });

  test('a Vault ClusterSecretStore logs in with the Kubernetes auth method; no credential in it', () => {
    const { manifests } = renderManagementCluster({
      ...spec,
      secretStores: [{ name: 'vault', server: 'https://vault.example.com:8200', kubernetesAuth: { role: 'capi' } }],
    });
    const store = manifests.find(m => m.kind === 'ClusterSecretStore')!;
    expect(store.metadata.namespace).toBeUndefined();
    expect(store.spec).toEqual({ provider: { vault: { server: 'https://vault.example.com:8200', path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'capi' } } } } });
  });
});

describe('validation', () => {
  test('a valid spec has no issue', () => {
    expect(validateManagementCluster(spec)).toEqual([]);
  });

  test('throws when a field is misspelled, listing every problem at once with its path', () => {
    const bad = {
      ...spec, clusterApiVerison: 'v1.14.0',
      providers: { ...spec.providers, infrastructure: { aws: { version: 'v2.11.1', mangaer: {} }, 'Bad_Name': { version: 'v1.0.0' } } },
    } as unknown as ManagementClusterSpec;
    expect(() => renderManagementCluster(bad)).toThrow(CapiValidationError);
    const issues = validateManagementCluster(bad);
    expect(issues.find(i => i.path === 'clusterApiVerison')!.message).toBe('unknown property: did you mean "clusterApiVersion"?');
    expect(issues.find(i => i.path === 'providers.infrastructure.aws.mangaer')!.message).toBe('unknown property: did you mean "manager"?');
    expect(paths(issues)).toContain('providers.infrastructure.Bad_Name');
  });

  test('throws when a provider is ill-configured: each rule with its message', () => {
    const issues = validateManagementCluster({
      ...spec,
      name: 'Mgmt',
      providers: {
        core: { version: 'v1.13.0' },
        infrastructure: {
          aws: {
            fetchConfig: { url: 'https://example.com/releases', oci: 'registry/x:v1' },
            manager: { featureGates: { 'machine-pool': true }, verbosity: 11, maxConcurrentReconciles: 0, additionalArgs: { '--feature-gates': 'A=true' } },
            configSecret: { existingSecret: { name: 'a' }, externalSecret: { storeName: 'vault', variables: [] } },
          },
        },
      },
    });
    const byPath = Object.fromEntries(issues.map(i => [i.path, i.message]));
    expect(byPath).toMatchObject({
      'name': expect.stringContaining('DNS-1123 label'),
      'providers.core.version': 'differs from clusterApiVersion v1.14.0: the core provider is Cluster API',
      'providers.infrastructure.aws.version': 'is required: the InfrastructureProvider aws is not released with Cluster API, so its version cannot be derived',
      'providers.infrastructure.aws.fetchConfig': 'sets both url and oci',
      'providers.infrastructure.aws.manager.featureGates.machine-pool': 'is not a feature gate name',
      'providers.infrastructure.aws.manager.verbosity': 'must be an integer from 0 to 10',
      'providers.infrastructure.aws.manager.maxConcurrentReconciles': 'must be an integer from 1 to 1000',
      'providers.infrastructure.aws.manager.additionalArgs.--feature-gates': 'has its own setting',
      'providers.infrastructure.aws.configSecret': 'sets both existingSecret and externalSecret',
      'providers.infrastructure.aws.configSecret.externalSecret.variables': 'must list at least one variable',
    });
  });

  test('throws when two providers\' ExternalSecrets write one Secret, or a variable is read twice', () => {
    const es = { storeName: 'vault', secretName: 'shared', variables: [{ variable: 'X', remoteKey: 'a' }, { variable: 'X', remoteKey: 'b' }] };
    const issues = validateManagementCluster({
      ...spec,
      providers: { infrastructure: { aws: { version: 'v2.11.1', namespace: 'providers', configSecret: { externalSecret: es } }, azure: { version: 'v1.26.0', namespace: 'providers', configSecret: { externalSecret: es } } } },
    });
    expect(issues.find(i => i.path === 'providers.infrastructure.azure.configSecret.externalSecret.secretName')!.message).toBe('writes the same Secret providers/shared as providers.infrastructure.aws');
    expect(issues.filter(i => i.message === 'is listed twice').map(i => i.path)).toEqual([
      'providers.infrastructure.aws.configSecret.externalSecret.variables[1].variable', 'providers.infrastructure.azure.configSecret.externalSecret.variables[1].variable',
    ]);
  });

  test('the version rules of versions.ts run on the spec, at its paths', () => {
    const issues = validateManagementCluster({
      ...spec,
      kubernetesVersion: 'v1.30.4',
      providers: { infrastructure: { aws: { version: 'v2.10.0', installedVersion: 'v2.11.1' } } },
    });
    expect(issues.map(i => [i.path, i.message])).toEqual([
      ['kubernetesVersion', expect.stringContaining('Cluster API v1.14.0 does not support a management cluster on Kubernetes v1.30')],
      ['providers.infrastructure.aws.version', expect.stringContaining('CAPA v2.10.0 would downgrade the installed v2.11.1')],
    ]);
  });

  test('hostile input: a __proto__ provider name, null, a non-object spec never crash', () => {
    const proto = JSON.parse('{"__proto__": {"version": "v1.0.0"}}');
    expect(paths(validateManagementCluster({ ...spec, providers: { infrastructure: proto } }))).toEqual(['providers.infrastructure.__proto__']);
    expect(paths(validateManagementCluster(null as unknown as ManagementClusterSpec))).toEqual(['(spec)']);
    expect(paths(validateManagementCluster({ ...spec, providers: { addon: [] as never } }))).toEqual(['providers.addon']);
  });
});

describe('a workload cluster against its management cluster', () => {
  const cluster: ManagedClusterSpec = {
    name: 'w1', version: 'v1.34.2', infrastructure: { dev: {} },
    workerPools: [{ name: 'md-0', replicas: 1, taints: [{ key: 'a', effect: 'NoSchedule' }], taintsViaMachineTaintPropagation: true }],
  };

  test('fits: Dev runs on the docker provider, the gate is on, v1.34 is in Cluster API v1.14\'s window', () => {
    expect(validateClusterForManagement(cluster, spec)).toEqual([]);
  });

  test('a provider the management cluster does not install', () => {
    const issues = validateClusterForManagement({ ...cluster, infrastructure: { vsphere: { server: 'vc.example.com', datacenter: 'dc', datastore: 'ds', network: { devices: [{ networkName: 'vm' }] }, template: 'ubuntu', thumbprint: 'x', controlPlaneEndpoint: { kubeVip: { host: '10.0.0.10' } } } as never } }, spec);
    expect(issues).toEqual([expect.objectContaining({
      path: 'infrastructure.vsphere',
      message: 'needs the VSphereCluster infrastructure (infrastructure provider vsphere), which the management cluster "mgmt" does not install',
      allowed: 'aws, docker',
    })]);
  });

  test('a feature behind a gate that is off names the pool, the gate and the fix', () => {
    const issues = validateClusterForManagement(cluster, { ...spec, providers: { ...spec.providers, core: {} } });
    expect(issues).toEqual([{
      path: 'workerPools[0].taintsViaMachineTaintPropagation',
      message: 'worker pool taints on the MachineDeployment (taintsViaMachineTaintPropagation) needs the MachineTaintPropagation feature gate of the cluster-api core provider, which is off on the management cluster "mgmt"',
      fix: 'set providers.core.manager.featureGates.MachineTaintPropagation: true on the management cluster (cluster-api v1.14.0 feature/feature.go), or do without the feature',
    }]);
  });

  test('a Kubernetes version outside the window of the management cluster\'s Cluster API', () => {
    expect(validateClusterForManagement({ ...cluster, version: 'v1.30.1' }, spec)).toEqual([expect.objectContaining({
      path: 'version', value: 'v1.30.1', allowed: 'v1.31 to v1.36 (Cluster API v1.14.0)',
      message: 'Kubernetes v1.30 is outside what Cluster API v1.14.0 on the management cluster "mgmt" supports for workload clusters',
    })]);
  });

  test('Helm add-ons need CAAPH; the kubeadm providers are needed too', () => {
    const issues = validateClusterForManagement(
      { ...cluster, addons: [{ name: 'metrics', kind: 'helm', chart: { repository: 'https://charts.example.com', name: 'metrics', version: '1.0.0' } } as never] },
      { ...spec, providers: { core: spec.providers!.core, bootstrap: {}, controlPlane: {}, infrastructure: { docker: {} } } },
    );
    expect(paths(issues)).toEqual(['controlPlane', 'workerPools', 'addons[0]']);
    expect(issues[2].message).toContain('Helm add-on provider CAAPH');
  });

  test('an invalid management spec is reported under managementCluster.', () => {
    expect(paths(validateClusterForManagement(cluster, { ...spec, clusterApiVersion: 'v1.14' }))).toEqual(['managementCluster.clusterApiVersion']);
  });

  test('every gate row names its upstream source and a spec path it checks', () => {
    for (const row of FEATURE_GATE_REQUIREMENTS) {
      expect(row.source).toMatch(/v\d+\.\d+\.\d+ /);
      expect(row.usedAt({ name: 'x', version: 'v1.34.2', infrastructure: { dev: {} } })).toEqual([]);
    }
  });
});
