/**
 * The GitOps layout of a fleet: a pure function from the rendered objects of every management
 * cluster to a map of path → file content, so it can be written by the library (the CLI, or a
 * cdk8s app after `app.synth()`), diffed in a test, or committed by a pipeline.
 *
 * ```
 * <management>/kustomization.yaml            providers + shared + clusters
 * <management>/providers/                    the management cluster's own objects
 * <management>/shared/<namespace>/           objects clusters of a namespace share (add-on proxies, ...)
 * <management>/shared/cluster-wide/          shared objects without a namespace (identities, ...)
 * <management>/clusters/<namespace>/<cluster>/  one cluster's objects
 * <management>/gitops/                       optional: a Flux Kustomization or an Argo CD Application per folder
 * ```
 *
 * Every folder holds a `kustomization.yaml` listing what is below it, so Flux or Argo CD can
 * point at any level: the whole management cluster, one namespace, one cluster. There is no
 * kustomization at the root: the folders of two management clusters are applied to two API
 * servers, and may hold objects with the same namespace and name.
 *
 * File names are stable across changes: a cluster's object is named after its role
 * (`pool-general-machine-template.yaml`), not after its object name, which for templates carries
 * a hash of the content. A change to a pool is then a change to one file in git, not a delete and
 * an add. One object per file (not one file per cluster) keeps a review and `git log` at the
 * level of one object, which is where Cluster API's rollout rules act, and lets kustomize patches
 * target a file.
 */
import { Manifest } from '../capi';
import { specHash } from '../support/hash';
import { CapiValidationError, ValidationIssue } from '../support/issues';
import { DNS1123_LABEL, DNS1123_LABEL_MAX } from '../support/names';
import { yamlDocument } from '../support/yaml-writer';

/** One object of a folder, with the role that names its file when it has one. */
export interface LayoutObject {
  /** The object. */
  readonly manifest: Manifest;
  /**
   * Role of the object in its cluster (`cluster`, `pool/general/machine-template`, ...): the
   * file is `<role with / as ->.yaml`, stable when the object's hashed name changes.
   * @default - `<kind>-<name>.yaml`, lower case
   */
  readonly role?: string;
}

/** One cluster below a management cluster: its own objects. */
export interface LayoutCluster {
  /** Name of the Cluster object (its folder's name). */
  readonly name: string;
  /** Namespace of the cluster's objects (the folder above it). */
  readonly namespace: string;
  /** The cluster's objects, dependencies first. */
  readonly objects: readonly LayoutObject[];
}

/** One management cluster and everything applied to it. */
export interface LayoutManagementCluster {
  /** Name of the management cluster: the top folder. A DNS label. */
  readonly name: string;
  /**
   * Its own objects: the providers and their configuration (written to `providers/`).
   * @default - none (no `providers/` folder)
   */
  readonly objects?: readonly LayoutObject[];
  /**
   * Objects shared by the clusters below it: add-on proxies and ClusterResourceSets of each
   * namespace, identities, ... (written to `shared/<namespace>/`, or `shared/cluster-wide/`
   * when they have no namespace).
   * @default - none
   */
  readonly shared?: readonly LayoutObject[];
  /** The clusters it manages. */
  readonly clusters: readonly LayoutCluster[];
}

/** The git repository Flux or Argo CD reads the layout from. */
export interface GitopsRepository {
  /** URL of the repository, e.g. `https://github.com/example/fleet` or `ssh://git@github.com/example/fleet`. */
  readonly url: string;
  /**
   * Branch (Flux's `spec.ref.branch`) or revision (Argo CD's `targetRevision`).
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Folder of the layout inside the repository, without leading `./`, e.g. `clusters`.
   * @default - the repository's root
   */
  readonly path?: string;
}

/** Flux: a GitRepository and one `Kustomization` (kustomize.toolkit.fluxcd.io/v1) per folder. */
export interface FluxGitops {
  readonly kind: 'flux';
  /** The repository the layout is committed to. */
  readonly repository: GitopsRepository;
  /**
   * Namespace of the GitRepository and the Kustomizations.
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * Name of the GitRepository.
   * @default 'fleet'
   */
  readonly sourceName?: string;
  /**
   * Name of a Secret in `namespace` with the git credentials (GitRepository `spec.secretRef`).
   * @default - none (a public repository)
   */
  readonly secretRef?: string;
  /**
   * How often Flux reconciles (GitRepository and Kustomization `spec.interval`).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * Flux deletes what was removed from a folder (`spec.prune`). With it, removing a cluster's
   * folder deletes the Cluster and its machines; without it, replaced templates stay behind.
   * @default true
   */
  readonly prune?: boolean;
}

/** Argo CD: one `Application` (argoproj.io/v1alpha1) per folder. */
export interface ArgoCdGitops {
  readonly kind: 'argo-cd';
  /** The repository the layout is committed to. */
  readonly repository: GitopsRepository;
  /**
   * Namespace of the Applications (Argo CD's own).
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Argo CD project of the Applications.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * Argo CD syncs by itself (`syncPolicy.automated`), pruning what was removed from a folder.
   * @default false (syncs when asked to)
   */
  readonly automated?: boolean;
}

/** Options of the layout. */
export interface FleetLayoutOptions {
  /**
   * Writes `<management>/gitops/`: the objects that make Flux or Argo CD apply each folder
   * (providers first, then the shared objects, then each cluster).
   * @default - none
   */
  readonly gitops?: FluxGitops | ArgoCdGitops;
}

/** The file every folder holds. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';
/** The folder of shared objects without a namespace. */
export const CLUSTER_WIDE_FOLDER = 'cluster-wide';

/**
 * The layout of a fleet: path (relative, `/`-separated) → file content, in a stable order.
 * Throws one CapiValidationError listing every name that cannot be a folder and every two
 * objects that would share a file.
 */
export function fleetLayout(managementClusters: readonly LayoutManagementCluster[], options: FleetLayoutOptions = {}): Map<string, string> {
  const issues: ValidationIssue[] = [];
  const files = new Map<string, string>();
  const seen = new Set<string>();
  managementClusters.forEach((mc, i) => {
    if (!folderName(mc.name, `managementClusters[${i}].name`, issues)) return;
    if (seen.has(mc.name)) {
      issues.push({ path: `managementClusters[${i}].name`, message: `management cluster ${mc.name} is listed twice`, fix: 'list each management cluster once, with all its clusters' });
      return;
    }
    seen.add(mc.name);
    managementClusterFiles(mc, `managementClusters[${i}]`, options, issues, files);
  });
  if (issues.length > 0) throw new CapiValidationError(issues, 'fleet layout');
  return files;
}

function managementClusterFiles(mc: LayoutManagementCluster, where: string, options: FleetLayoutOptions, issues: ValidationIssue[], files: Map<string, string>): void {
  const top = mc.name;
  const levels: string[] = [];
  const folder = (dir: string, objects: readonly LayoutObject[], at: string) => {
    const names = new Map<string, string>();
    for (const o of objects) {
      const file = fileName(o);
      const other = names.get(file);
      const id = `${o.manifest.kind} ${o.manifest.metadata.namespace ? `${o.manifest.metadata.namespace}/` : ''}${o.manifest.metadata.name}`;
      if (other !== undefined) {
        issues.push({ path: at, message: `${id} and ${other} would both be written to ${dir}/${file}`, fix: 'give the objects distinct names or roles' });
        continue;
      }
      names.set(file, id);
      files.set(`${dir}/${file}`, yamlDocument(o.manifest));
    }
    files.set(`${dir}/${KUSTOMIZATION_FILE}`, kustomization([...names.keys()]));
  };

  if ((mc.objects ?? []).length > 0) {
    folder(`${top}/providers`, mc.objects!, `${where}.objects`);
    levels.push('providers');
  }

  const shared = groupBy(mc.shared ?? [], o => o.manifest.metadata.namespace ?? CLUSTER_WIDE_FOLDER);
  if (shared.size > 0) {
    for (const [ns, objects] of shared) {
      if (folderName(ns, `${where}.shared (namespace)`, issues)) folder(`${top}/shared/${ns}`, objects, `${where}.shared`);
    }
    files.set(`${top}/shared/${KUSTOMIZATION_FILE}`, kustomization([...shared.keys()]));
    levels.push('shared');
  }

  const byNamespace = groupBy(mc.clusters, c => c.namespace);
  const clusterPaths: string[] = [];
  if (byNamespace.size > 0) {
    for (const [ns, clusters] of byNamespace) {
      if (!folderName(ns, `${where}.clusters (namespace)`, issues)) continue;
      const names = new Set<string>();
      for (const c of clusters) {
        const at = `${where}.clusters[${mc.clusters.indexOf(c)}]`;
        if (!folderName(c.name, `${at}.name`, issues)) continue;
        if (names.has(c.name)) {
          issues.push({ path: `${at}.name`, message: `two clusters named ${c.name} in namespace ${ns} of management cluster ${mc.name}`, fix: 'rename one, or put it in another namespace or under another management cluster' });
          continue;
        }
        names.add(c.name);
        folder(`${top}/clusters/${ns}/${c.name}`, c.objects, `${at}.objects`);
        clusterPaths.push(`clusters/${ns}/${c.name}`);
      }
      files.set(`${top}/clusters/${ns}/${KUSTOMIZATION_FILE}`, kustomization([...names]));
    }
    files.set(`${top}/clusters/${KUSTOMIZATION_FILE}`, kustomization([...byNamespace.keys()]));
    levels.push('clusters');
  }
  files.set(`${top}/${KUSTOMIZATION_FILE}`, kustomization(levels));

  if (options.gitops) {
    const objects = gitopsObjects(options.gitops, top, levels.filter(l => l !== 'clusters'), clusterPaths);
    folder(`${top}/gitops`, objects.map(manifest => ({ manifest })), `${where} (gitops)`);
  }
}

/**
 * The file of an object: its role (stable while a hashed name changes) or its kind and name.
 * Both are DNS names, so the file name needs no escaping.
 */
function fileName(o: LayoutObject): string {
  const base = o.role !== undefined ? o.role.replace(/\//g, '-') : `${o.manifest.kind}-${o.manifest.metadata.name}`;
  return `${base.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}.yaml`;
}

/** A kustomize Kustomization listing `resources` (files and folders) in a stable order. */
function kustomization(resources: readonly string[]): string {
  return yamlDocument({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources].sort() });
}

/** A name used as a folder must be a DNS label: no `/`, `..` or anything a file system would read otherwise. */
function folderName(name: unknown, path: string, issues: ValidationIssue[]): name is string {
  if (typeof name === 'string' && name.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(name)) return true;
  issues.push({ path, message: 'a folder name of the layout must be a DNS label', value: name, allowed: `lower-case letters, digits and '-', at most ${DNS1123_LABEL_MAX} characters` });
  return false;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The repository folder of `relative` (a folder of the layout), as Flux and Argo CD want it. */
function repoPath(repository: GitopsRepository, relative: string): string {
  const prefix = (repository.path ?? '').replace(/^\.?\/+|\/+$/g, '');
  return prefix ? `${prefix}/${relative}` : relative;
}

/**
 * What makes the GitOps controller apply each folder: the shared levels (providers, shared) and
 * one per cluster, the clusters after the others (their objects need the providers' CRDs and the
 * shared identities). Kustomization and Application names are `<management>-<level>` and
 * `<management>-<namespace>-<cluster>`, cut to 63 characters with a hash when longer.
 */
function gitopsObjects(gitops: FluxGitops | ArgoCdGitops, top: string, levels: readonly string[], clusterPaths: readonly string[]): Manifest[] {
  const folders = [
    ...levels.map(l => ({ name: `${top}-${l}`, path: `${top}/${l}`, cluster: false })),
    ...clusterPaths.map(p => ({ name: `${top}-${p.split('/').slice(1).join('-')}`, path: `${top}/${p}`, cluster: true })),
  ];
  return gitops.kind === 'flux' ? fluxObjects(gitops, folders) : argoObjects(gitops, folders);
}

/** A folder the GitOps controller applies; the shared levels come first, in the order they depend on each other. */
interface GitopsFolder { name: string; path: string; cluster: boolean }

/**
 * Flux's GitRepository (source.toolkit.fluxcd.io/v1) and Kustomizations
 * (kustomize.toolkit.fluxcd.io/v1), with the fields their CRDs require (fluxcd/kustomize-controller
 * v1.9.4 api/v1/kustomization_types.go: `interval`, `prune`, `sourceRef`; source-controller v1.9.1
 * api/v1/gitrepository_types.go: `url`, `interval`). `path` is relative to the repository root
 * and starts with `./` as Flux's documentation writes it.
 */
function fluxObjects(flux: FluxGitops, folders: readonly GitopsFolder[]): Manifest[] {
  const namespace = flux.namespace ?? 'flux-system';
  const source = flux.sourceName ?? 'fleet';
  const interval = flux.interval ?? '10m';
  // Each level waits for the ones before it: the shared objects (HelmChartProxies, identities)
  // need the providers' CRDs, the clusters need both.
  const dependsOn = (i: number) => folders.slice(0, i).filter(f => !f.cluster).map(f => ({ name: resourceName(f.name) }));
  const gitRepository: Manifest = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: source, namespace },
    spec: {
      url: flux.repository.url,
      interval,
      ref: { branch: flux.repository.revision ?? 'main' },
      ...(flux.secretRef ? { secretRef: { name: flux.secretRef } } : {}),
    },
  };
  return [gitRepository, ...folders.map((f, i): Manifest => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: resourceName(f.name), namespace },
    spec: {
      interval,
      path: `./${repoPath(flux.repository, f.path)}`,
      prune: flux.prune ?? true,
      sourceRef: { kind: 'GitRepository', name: source },
      ...(dependsOn(i).length > 0 ? { dependsOn: dependsOn(i) } : {}),
    },
  }))];
}

/**
 * Argo CD Applications (argoproj.io/v1alpha1, argo-cd v3.5.1 pkg/apis/application/v1alpha1/types.go:
 * `source`, `destination`, `project`), applied to the cluster Argo CD runs in (the management
 * cluster). Sync waves order them: providers (wave 0), then the shared objects (1), then the clusters.
 */
function argoObjects(argo: ArgoCdGitops, folders: readonly GitopsFolder[]): Manifest[] {
  const namespace = argo.namespace ?? 'argocd';
  return folders.map((f, i): Manifest => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: resourceName(f.name), namespace, annotations: { 'argocd.argoproj.io/sync-wave': String(f.cluster ? folders.filter(g => !g.cluster).length : i) } },
    spec: {
      project: argo.project ?? 'default',
      source: { repoURL: argo.repository.url, targetRevision: argo.repository.revision ?? 'main', path: repoPath(argo.repository, f.path) },
      destination: { server: 'https://kubernetes.default.svc' },
      ...(argo.automated ? { syncPolicy: { automated: { prune: true } } } : {}),
    },
  }));
}

/** A name of at most 63 characters: long ones keep their start and get a short hash of the whole. */
function resourceName(name: string): string {
  if (name.length <= DNS1123_LABEL_MAX) return name;
  const suffix = specHash(name);
  return `${name.slice(0, DNS1123_LABEL_MAX - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}
