import { CAPI_V1_14_SUPPORTED_VERSIONS } from '../../lib/core/versions';
import {
  CLUSTER_API_RELEASES, KNOWN_PROVIDERS, ManagementVersionsInput, ProviderVersion,
  checkManagementVersions, clusterApiRelease, managementKubernetesWindow, providerContract,
  providerTitle, workloadKubernetesWindow,
} from '../../lib/management/versions';

const CORE: ProviderVersion = { type: 'core', name: 'cluster-api', version: 'v1.14.0' };
const BOOTSTRAP: ProviderVersion = { type: 'bootstrap', name: 'kubeadm', version: 'v1.14.0' };
const CONTROL_PLANE: ProviderVersion = { type: 'controlPlane', name: 'kubeadm', version: 'v1.14.0' };
const AWS: ProviderVersion = { type: 'infrastructure', name: 'aws', version: 'v2.11.1' };
const DOCKER: ProviderVersion = { type: 'infrastructure', name: 'docker', version: 'v1.14.0' };
const VSPHERE: ProviderVersion = { type: 'infrastructure', name: 'vsphere', version: 'v1.16.1' };
const AZURE: ProviderVersion = { type: 'infrastructure', name: 'azure', version: 'v1.26.0' };
const HELM: ProviderVersion = { type: 'addon', name: 'helm', version: 'v0.6.4' };

const ALL = [CORE, BOOTSTRAP, CONTROL_PLANE, AWS, DOCKER, VSPHERE, AZURE, HELM];

function check(overrides: Partial<ManagementVersionsInput> = {}) {
  return checkManagementVersions({ capiVersion: 'v1.14.0', kubernetesVersion: 'v1.34.2', providers: ALL, ...overrides });
}

describe('the version table', () => {
  test('contracts per Cluster API minor: v1beta2 from v1.11, which still accepts v1beta1 providers', () => {
    expect(CLUSTER_API_RELEASES.map(r => [r.minor, r.contract, r.compatibleContracts.join('+')])).toEqual([
      ['v1.10', 'v1beta1', 'v1beta1'],
      ['v1.11', 'v1beta2', 'v1beta2+v1beta1'],
      ['v1.12', 'v1beta2', 'v1beta2+v1beta1'],
      ['v1.13', 'v1beta2', 'v1beta2+v1beta1'],
      ['v1.14', 'v1beta2', 'v1beta2+v1beta1'],
    ]);
  });

  test('v1.14 reuses the core workload window and supports management clusters on v1.33 and later', () => {
    expect(clusterApiRelease('v1.14.0')!.workload).toBe(CAPI_V1_14_SUPPORTED_VERSIONS);
    expect(managementKubernetesWindow('v1.14.0')).toMatchObject({ oldest: 'v1.33', newest: 'v1.36' });
    expect(workloadKubernetesWindow('v1.14.2')).toMatchObject({ oldest: 'v1.31', newest: 'v1.36' });
  });

  test('every row names its upstream source', () => {
    for (const r of CLUSTER_API_RELEASES) {
      expect(r.workload.source).toMatch(/kubernetes-sigs\/cluster-api v1\.1\d\.\d+ |Cluster API v1\.14\.0/);
      expect(r.management.source).toMatch(/^kubernetes-sigs\/cluster-api v1\.1\d\.\d+ docs\/book/);
    }
    for (const p of KNOWN_PROVIDERS) expect(p.source).toMatch(/^kubernetes-sigs\/cluster-api[a-z-]* v\d+\.\d+\.\d+ metadata\.yaml/);
  });

  test('a minor supported from a later patch narrows the window of the earlier patches', () => {
    expect(workloadKubernetesWindow('v1.12.0')).toMatchObject({ oldest: 'v1.29', newest: 'v1.34' });
    expect(workloadKubernetesWindow('v1.12.1')).toMatchObject({ oldest: 'v1.29', newest: 'v1.35' });
    expect(workloadKubernetesWindow('v1.12.7')!.source).toContain('v1.36 needs v1.12.8');
    expect(workloadKubernetesWindow('v1.12.8')).toMatchObject({ oldest: 'v1.29', newest: 'v1.36' });
    expect(managementKubernetesWindow('v1.13.0')).toMatchObject({ oldest: 'v1.32', newest: 'v1.35' });
    // A minor-only version is read as the minor's first release.
    expect(workloadKubernetesWindow('v1.13')).toMatchObject({ newest: 'v1.35' });
  });

  test('no window for a Cluster API version the table does not know or cannot read', () => {
    expect(workloadKubernetesWindow('v1.9.0')).toBeUndefined();
    expect(workloadKubernetesWindow('v1.15.0')).toBeUndefined();
    expect(managementKubernetesWindow('latest')).toBeUndefined();
  });

  test('provider release series → contract, from each metadata.yaml', () => {
    expect(providerContract('infrastructure', 'aws', 'v2.11.1')).toEqual({ contract: 'v1beta1', source: expect.stringContaining('cluster-api-provider-aws v2.11.1') });
    expect(providerContract('infrastructure', 'vsphere', 'v1.15.3')!.contract).toBe('v1beta1');
    expect(providerContract('infrastructure', 'vsphere', 'v1.16.0')!.contract).toBe('v1beta2');
    expect(providerContract('infrastructure', 'azure', 'v1.26.0')!.contract).toBe('v1beta1');
    expect(providerContract('addon', 'helm', 'v0.4.2')!.contract).toBe('v1beta1');
    expect(providerContract('addon', 'helm', 'v0.5.0')!.contract).toBe('v1beta2');
    expect(providerContract('core', 'cluster-api', 'v1.10.5')!.contract).toBe('v1beta1');
    expect(providerContract('controlPlane', 'kubeadm', 'v1.11.0')!.contract).toBe('v1beta2');
    expect(providerContract('infrastructure', 'docker', 'v1.14.0')!.contract).toBe('v1beta2');
    expect(providerContract('infrastructure', 'aws', 'v2.12.0')).toBeUndefined();
    expect(providerContract('infrastructure', 'metal3', 'v1.10.0')).toBeUndefined();
  });

  test('friendly names for known providers, a described name for others', () => {
    expect(['cluster-api', 'kubeadm', 'kubeadm', 'aws', 'docker', 'vsphere', 'azure', 'helm'].map((name, i) => providerTitle(ALL[i].type, name)))
      .toEqual(['CAPI', 'CABPK', 'KCP', 'CAPA', 'CAPD', 'CAPV', 'CAPZ', 'CAAPH']);
    expect(providerTitle('infrastructure', 'metal3')).toBe('metal3 infrastructure provider');
    expect(providerTitle('controlPlane', 'k0smotron')).toBe('k0smotron control plane provider');
  });
});

describe('checkManagementVersions', () => {
  test('the current releases of every known provider fit Cluster API v1.14.0 on Kubernetes v1.34', () => {
    expect(check()).toEqual([]);
  });

  test('Cluster API version: not a full version, or not in the table', () => {
    expect(check({ capiVersion: 'v1.14', providers: [] })).toEqual([
      expect.objectContaining({ path: 'capiVersion', message: 'Cluster API version is not a full version', value: 'v1.14', fix: 'pin an exact Cluster API release' }),
    ]);
    expect(check({ capiVersion: 'v1.15.0', providers: [] })).toEqual([{
      path: 'capiVersion', message: "Cluster API v1.15 is not in this library's version table, so its contract and Kubernetes support cannot be checked",
      value: 'v1.15.0', allowed: 'Cluster API v1.10 to v1.14', fix: 'use a Cluster API release from v1.10 to v1.14, or a newer capi-constructs that knows v1.15',
    }]);
  });

  test('the core provider is Cluster API itself: its version must equal the Cluster API version', () => {
    expect(check({ providers: [{ ...CORE, version: 'v1.14.1' }] })).toEqual([{
      path: 'providers[0].version', message: 'the core provider is Cluster API itself: its version v1.14.1 differs from the Cluster API version v1.14.0',
      value: 'v1.14.1', allowed: 'v1.14.0', fix: 'set both to the same Cluster API release',
    }]);
  });

  test('kubeadm and CAPD are released with Cluster API and must be on its minor', () => {
    const issues = check({ providers: [CORE, { ...BOOTSTRAP, version: 'v1.14.2' }, { ...CONTROL_PLANE, version: 'v1.13.5' }, { ...DOCKER, version: 'v1.12.0' }] });
    expect(issues).toEqual([
      {
        path: 'providers[2].version', message: 'KCP v1.13.5 is released with Cluster API and must be on its minor, v1.14 (Cluster API v1.14.0; versions.md: one KCP release per core release)',
        value: 'v1.13.5', allowed: 'v1.14.x', fix: 'set KCP to v1.14.0',
      },
      expect.objectContaining({ path: 'providers[3].version', message: expect.stringContaining('CAPD v1.12.0 is released with Cluster API') }),
    ]);
  });

  test('a provider version that is not a full version', () => {
    expect(check({ providers: [{ ...AWS, version: '2.11' }] })).toEqual([{
      path: 'providers[0].version', message: 'CAPA version is not a full version', value: '2.11', allowed: 'vX.Y.Z, e.g. v2.11.1', fix: 'pin an exact CAPA release',
    }]);
  });

  test('a provider on a contract the Cluster API version does not work with names the release to use', () => {
    expect(check({ providers: [{ ...HELM, version: 'v0.6.4' }], capiVersion: 'v1.10.3', kubernetesVersion: 'v1.31.0' })).toEqual([{
      path: 'providers[0].version',
      message: 'CAAPH v0.6.4 implements contract v1beta2, but Cluster API v1.10.3 works with providers on v1beta1 (kubernetes-sigs/cluster-api v1.14.0 internal/contract/version.go (GetCompatibleVersions))',
      value: 'v0.6.4', allowed: 'a CAAPH release on contract v1beta1', fix: 'use CAAPH v0.4.x (contract v1beta1)',
    }]);
    expect(check({ providers: [{ ...AWS, version: 'v0.7.4' }] })).toEqual([
      expect.objectContaining({ message: expect.stringContaining('CAPA v0.7.4 implements contract v1alpha4, but Cluster API v1.14.0 works with providers on v1beta2 or v1beta1'), fix: 'use CAPA v2.11.x (contract v1beta1)' }),
    ]);
  });

  test('an unknown provider without a contract is reported as uncheckable; with one it is checked', () => {
    const metal3: ProviderVersion = { type: 'infrastructure', name: 'metal3', version: 'v1.10.0', path: 'infrastructure[1]' };
    expect(check({ providers: [metal3] })).toEqual([{
      path: 'infrastructure[1].contract', message: 'metal3 infrastructure provider is not a provider this library knows, so its Cluster API contract cannot be checked',
      value: 'v1.10.0', allowed: 'an explicit contract such as v1beta2', fix: 'set contract to the contract of metal3 infrastructure provider v1.10 (its metadata.yaml releaseSeries)',
    }]);
    expect(check({ providers: [{ ...metal3, contract: 'v1beta2' }] })).toEqual([]);
    expect(check({ providers: [{ ...metal3, contract: 'v1alpha4' }] })).toEqual([expect.objectContaining({
      path: 'infrastructure[1].version', fix: 'use a metal3 infrastructure provider release on contract v1beta2, or a Cluster API release on contract v1alpha4',
    })]);
  });

  test('a known provider on a release series newer than the table needs an explicit contract', () => {
    expect(check({ providers: [{ ...AWS, version: 'v2.12.0' }] })).toEqual([{
      path: 'providers[0].contract',
      message: "CAPA v2.12 is not in this library's release table (kubernetes-sigs/cluster-api-provider-aws v2.11.1 metadata.yaml), so its Cluster API contract cannot be checked",
      value: 'v2.12.0', allowed: 'an explicit contract such as v1beta2', fix: 'set contract to the contract of CAPA v2.12 (its metadata.yaml releaseSeries)',
    }]);
    expect(check({ providers: [{ ...AWS, version: 'v2.12.0', contract: 'v1beta2' }] })).toEqual([]);
  });

  test('an explicit contract that contradicts the table', () => {
    expect(check({ providers: [{ ...AWS, contract: 'v1beta2' }] })).toEqual([{
      path: 'providers[0].contract', message: 'CAPA v2.11.1 implements contract v1beta1 (kubernetes-sigs/cluster-api-provider-aws v2.11.1 metadata.yaml), not v1beta2',
      value: 'v1beta2', allowed: 'v1beta1', fix: 'remove contract (it is known for this release) or correct it',
    }]);
    expect(check({ providers: [{ ...AWS, contract: 'v1beta1' }] })).toEqual([]);
  });

  test('a provider declared twice', () => {
    expect(check({ providers: [AWS, { ...AWS, version: 'v2.10.3' }] })).toEqual([{
      path: 'providers[1]', message: 'CAPA is declared twice (also at providers[0]); a management cluster runs one instance of each provider', value: 'aws', fix: 'remove one of them',
    }]);
    // kubeadm as bootstrap and as control plane are two providers.
    expect(check({ providers: [BOOTSTRAP, CONTROL_PLANE] })).toEqual([]);
  });

  test('the management cluster Kubernetes version: malformed, too old, too new, or newer than this patch supports', () => {
    expect(check({ kubernetesVersion: 'latest', providers: [] })).toEqual([expect.objectContaining({ path: 'kubernetesVersion', message: 'management cluster Kubernetes version is not a version', value: 'latest' })]);
    expect(check({ kubernetesVersion: 'v1.32.4', providers: [] })).toEqual([{
      path: 'kubernetesVersion',
      message: 'Cluster API v1.14.0 does not support a management cluster on Kubernetes v1.32 (kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (core provider support matrix))',
      value: 'v1.32.4', allowed: 'Kubernetes v1.33 to v1.36', fix: 'upgrade the management cluster to Kubernetes v1.33 or later first, or use an older Cluster API release',
    }]);
    expect(check({ kubernetesVersion: 'v1.37.0', providers: [] })).toEqual([expect.objectContaining({
      allowed: 'Kubernetes v1.33 to v1.36', fix: 'use a Cluster API release that supports Kubernetes v1.37, or keep the management cluster on v1.36',
    })]);
    expect(check({ capiVersion: 'v1.12.5', kubernetesVersion: 'v1.36.0', providers: [] })).toEqual([{
      path: 'kubernetesVersion',
      message: 'Cluster API v1.12.5 does not support a management cluster on Kubernetes v1.36; that needs Cluster API v1.12.8 or later (kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (core provider support matrix))',
      value: 'v1.36.0', allowed: 'Kubernetes v1.31 to v1.35 with Cluster API v1.12.5', fix: 'upgrade Cluster API to v1.12.8 or later',
    }]);
    expect(check({ kubernetesVersion: undefined, providers: [] })).toEqual([]);
  });

  test('the caller names the paths of its own spec', () => {
    expect(check({ capiVersion: 'x', kubernetesVersion: 'y', providers: [], paths: { capiVersion: 'spec.capi', kubernetesVersion: 'spec.k8s' } }).map(i => i.path)).toEqual(['spec.capi']);
    expect(check({ kubernetesVersion: 'y', providers: [], paths: { kubernetesVersion: 'spec.k8s' } }).map(i => i.path)).toEqual(['spec.k8s']);
  });

  describe('against the installed versions', () => {
    test('an upgrade, a same version and a provider not installed yet are fine', () => {
      expect(check({ installed: [{ ...CORE, version: 'v1.13.5' }, { ...AWS, version: 'v2.11.0' }, HELM] })).toEqual([]);
    });

    test('a downgrade', () => {
      expect(check({ providers: [AWS], installed: [{ type: 'infrastructure', name: 'aws', version: 'v2.11.2' }] })).toEqual([{
        path: 'providers[0].version',
        message: 'CAPA v2.11.1 would downgrade the installed v2.11.2; Cluster API does not support downgrades (kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (Downgrades: "Cluster API does not support version downgrades"))',
        value: 'v2.11.1', allowed: 'v2.11.2 or later', fix: 'keep CAPA at v2.11.2 or later',
      }]);
    });

    test('core and kubeadm may move at most three minors at once, as clusterctl upgrade enforces', () => {
      expect(check({ providers: [CORE], installed: [{ ...CORE, version: 'v1.11.3' }] })).toEqual([]);
      expect(check({ providers: [CORE, BOOTSTRAP], installed: [{ ...CORE, version: 'v1.10.2' }, { ...BOOTSTRAP, version: 'v1.10.2', path: 'status.installed[1]' }] })).toEqual([
        {
          path: 'providers[0].version',
          message: 'CAPI v1.10.2 → v1.14.0 moves 4 minor versions at once; clusterctl upgrade moves at most 3 (kubernetes-sigs/cluster-api v1.14.0 cmd/clusterctl/client/cluster/upgrader.go (doUpgrade) and docs/book/src/reference/versions.md (Skip upgrades))',
          value: 'v1.14.0', allowed: 'up to v1.13.x', fix: 'upgrade CAPI to v1.13.x first, then to v1.14.0',
        },
        expect.objectContaining({ path: 'providers[1].version', message: expect.stringContaining('CABPK v1.10.2 → v1.14.0 moves 4 minor versions') }),
      ]);
    });

    test('clusterctl does not enforce the skip rule from versions before v1.10.0, nor for other providers', () => {
      expect(check({ providers: [CORE], installed: [{ ...CORE, version: 'v1.9.8' }] })).toEqual([]);
      expect(check({ providers: [VSPHERE], installed: [{ ...VSPHERE, version: 'v1.10.0' }] })).toEqual([]);
    });

    test('an installed version that is not a full version', () => {
      expect(check({ providers: [AWS], installed: [{ ...AWS, version: 'main' }] })).toEqual([{
        path: 'installed[0].version', message: 'installed CAPA version is not a full version', value: 'main', allowed: 'vX.Y.Z', fix: 'give the exact CAPA version running now',
      }]);
    });
  });
});
