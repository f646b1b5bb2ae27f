/**
 * Stack configuration of the `stacks/` program: reading and checking it, with no Pulumi resource
 * created here. Keys live in the project's namespace (`capi-constructs:<key>`); see README.md,
 * "Stack config reference".
 */
import type { ManagedClusterArgs } from '../lib/pulumi';
import type { CapaIamArgs, CapaNetworkArgs } from '../lib/pulumi/aws';

/** Marks a cluster setting that takes its value from a component this stack creates. */
export const FROM_STACK = 'stack';

/** The AWS identity the stack creates (`capi-constructs:aws.identity`). */
export type StackIdentityConfig =
  | {
    /** An AWSClusterStaticIdentity; its keys come from the secret config `awsAccessKeyId` / `awsSecretAccessKey` (/ `awsSessionToken`). */
    readonly kind: 'AWSClusterStaticIdentity';
    /** @default 'capi-constructs' */
    readonly name?: string;
    /** @default - the namespaces of the clusters that use it */
    readonly allowedNamespaces?: readonly string[];
    /** @default 'capa-system' */
    readonly controllerNamespace?: string;
  }
  | {
    /** An AWSClusterRoleIdentity assumed with the controller's own credentials. */
    readonly kind: 'AWSClusterRoleIdentity';
    /** @default 'capi-constructs' */
    readonly name?: string;
    /** @default - the namespaces of the clusters that use it */
    readonly allowedNamespaces?: readonly string[];
    /** ARN of the role to assume. */
    readonly roleArn: string;
    /** @default - STS default */
    readonly durationSeconds?: number;
  };

/** `capi-constructs:aws`: the AWS prerequisites the stack creates. */
export interface StackAwsConfig {
  /** Create a CapaNetwork with these args (`clusterNames` is filled in by the program). @default - no network */
  readonly network?: Omit<CapaNetworkArgs, 'clusterNames'>;
  /** Create CapaIam with these args. @default - no IAM */
  readonly iam?: CapaIamArgs;
  /** Create an identity. @default - no identity: clusters use CAPA's controller credentials */
  readonly identity?: StackIdentityConfig;
}

/** A cluster as written in stack config: ManagedClusterArgs, plus `"stack"` for the AWS network and identity. */
export type StackClusterConfig = ManagedClusterArgs & { readonly name: string };

/** The checked configuration. */
export interface StackConfig {
  /** Management cluster kubeconfig: content (from the secret `kubeconfig`) or a path (`kubeconfigPath`); undefined means the ambient one. */
  readonly kubeconfigSource?: 'kubeconfig' | 'kubeconfigPath';
  /** kubeconfig context to use. @default - the kubeconfig's current context */
  readonly context?: string;
  readonly clusters: readonly StackClusterConfig[];
  readonly aws?: StackAwsConfig;
  /** Clusters whose `infrastructure.aws.network` is `"stack"`. */
  readonly networkClusters: readonly string[];
  /** Clusters whose `infrastructure.aws.identity` is `"stack"`. */
  readonly identityClusters: readonly string[];
}

/** The raw values, as `pulumi.Config` returns them (objects already parsed from JSON). */
export interface RawStackConfig {
  readonly kubeconfig?: unknown;
  readonly kubeconfigPath?: unknown;
  readonly context?: unknown;
  readonly clusters?: unknown;
  readonly aws?: unknown;
  /** Whether the static identity's secret keys are set. */
  readonly hasAwsAccessKeyId?: boolean;
  readonly hasAwsSecretAccessKey?: boolean;
}

/** Thrown for bad stack config: one line per problem, each naming its config key. */
export class StackConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid stack config: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(p => `  - ${p}`).join('\n')}`);
    this.name = 'StackConfigError';
  }
}

const NS = 'capi-constructs';
const IDENTITY_KINDS = ['AWSClusterStaticIdentity', 'AWSClusterRoleIdentity'];
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the raw config and returns it typed. Only what the program itself owns is checked here;
 * each cluster, the network, IAM and identity args are validated by their components, which report
 * every problem as a `pulumi.InputPropertiesError`.
 */
export function parseStackConfig(raw: RawStackConfig): StackConfig {
  const problems: string[] = [];
  const bad = (key: string, what: string, value: unknown, fix: string) =>
    problems.push(`${NS}:${key}: ${what} (got ${JSON.stringify(value)}). Fix: ${fix}`);

  let kubeconfigSource: StackConfig['kubeconfigSource'];
  if (raw.kubeconfig !== undefined && raw.kubeconfigPath !== undefined) {
    problems.push(`${NS}:kubeconfig and ${NS}:kubeconfigPath are both set. Fix: keep one (\`pulumi config rm ${NS}:kubeconfigPath\` or \`pulumi config rm ${NS}:kubeconfig\`)`);
  } else if (raw.kubeconfigPath !== undefined) {
    if (typeof raw.kubeconfigPath !== 'string' || raw.kubeconfigPath.trim() === '') bad('kubeconfigPath', 'must be a file path', raw.kubeconfigPath, `pulumi config set ${NS}:kubeconfigPath ~/.kube/config`);
    kubeconfigSource = 'kubeconfigPath';
  } else if (raw.kubeconfig !== undefined) {
    kubeconfigSource = 'kubeconfig';
  }

  if (raw.context !== undefined && (typeof raw.context !== 'string' || raw.context === '')) {
    bad('context', 'must be the name of a kubeconfig context', raw.context, `pulumi config set ${NS}:context kind-capi-management, or leave it out for the current context`);
  }

  const clusters: StackClusterConfig[] = [];
  const networkClusters: string[] = [];
  const identityClusters: string[] = [];
  if (!Array.isArray(raw.clusters) || raw.clusters.length === 0) {
    bad('clusters', 'must be a non-empty list of cluster specs', raw.clusters, 'list at least one cluster under capi-constructs:clusters in Pulumi.<stack>.yaml');
  } else {
    const seen = new Set<string>();
    raw.clusters.forEach((c, i) => {
      const key = `clusters[${i}]`;
      if (!isObject(c)) {
        bad(key, 'must be an object (a ManagedCluster spec)', c, 'give name, version, infrastructure, ...');
        return;
      }
      if (typeof c.name !== 'string' || c.name === '') {
        bad(`${key}.name`, 'every cluster needs a name (it names the Pulumi resources)', c.name, 'set name');
        return;
      }
      if (seen.has(c.name)) bad(`${key}.name`, 'duplicate cluster name', c.name, 'give each cluster its own name');
      seen.add(c.name);
      const aws = isObject(c.infrastructure) && isObject(c.infrastructure.aws) ? c.infrastructure.aws : undefined;
      if (aws?.network === FROM_STACK) {
        networkClusters.push(c.name);
        if (!isObject(raw.aws) || raw.aws.network === undefined) bad(`${key}.infrastructure.aws.network`, '"stack" needs a network created by this stack', aws.network, `configure ${NS}:aws.network, or give network.existing / network.managed`);
      }
      if (aws?.identity === FROM_STACK) {
        identityClusters.push(c.name);
        if (!isObject(raw.aws) || raw.aws.identity === undefined) bad(`${key}.infrastructure.aws.identity`, '"stack" needs an identity created by this stack', aws.identity, `configure ${NS}:aws.identity, or give {kind, name}`);
      }
      clusters.push(c as StackClusterConfig);
    });
  }

  let aws: StackAwsConfig | undefined;
  if (raw.aws !== undefined) {
    if (!isObject(raw.aws)) {
      bad('aws', 'must be an object with optional network, iam and identity', raw.aws, 'see the stack config reference in README.md');
    } else {
      const unknown = Object.keys(raw.aws).filter(k => !['network', 'iam', 'identity'].includes(k));
      unknown.forEach(k => bad(`aws.${k}`, 'unknown key', raw.aws && (raw.aws as any)[k], 'use network, iam or identity'));
      for (const k of ['network', 'iam'] as const) {
        if (raw.aws[k] !== undefined && !isObject(raw.aws[k])) bad(`aws.${k}`, 'must be an object (use {} for the defaults)', raw.aws[k], `write ${k}: {} or leave it out`);
      }
      const id = raw.aws.identity;
      if (id !== undefined) {
        if (!isObject(id) || !IDENTITY_KINDS.includes(id.kind)) {
          bad('aws.identity.kind', 'unknown identity kind', isObject(id) ? id.kind : id, `use ${IDENTITY_KINDS.join(' or ')}`);
        } else if (id.kind === 'AWSClusterStaticIdentity' && (!raw.hasAwsAccessKeyId || !raw.hasAwsSecretAccessKey)) {
          problems.push(`${NS}:awsAccessKeyId and ${NS}:awsSecretAccessKey must be set for a static identity. Fix: \`pulumi config set --secret ${NS}:awsAccessKeyId ...\` and \`pulumi config set --secret ${NS}:awsSecretAccessKey ...\``);
        } else if (id.kind === 'AWSClusterRoleIdentity' && (typeof id.roleArn !== 'string' || id.roleArn === '')) {
          bad('aws.identity.roleArn', 'a role identity needs the ARN of the role to assume', id.roleArn, 'set roleArn: arn:aws:iam::<account>:role/<name>');
        }
        if (isObject(id) && id.allowedNamespaces !== undefined && (!Array.isArray(id.allowedNamespaces) || id.allowedNamespaces.some((n: unknown) => typeof n !== 'string'))) {
          bad('aws.identity.allowedNamespaces', 'must be a list of namespace names', id.allowedNamespaces, 'list namespaces, or leave it out for the namespaces of the clusters that use the identity');
        }
      }
      aws = raw.aws as StackAwsConfig;
    }
  }

  if (problems.length > 0) throw new StackConfigError(problems);
  return { kubeconfigSource, context: raw.context as string | undefined, clusters, aws, networkClusters, identityClusters };
}
