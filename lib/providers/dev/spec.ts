/** The Dev provider's spec sections (CAPD v1.14, `DevCluster` / `DevMachineTemplate` with the docker backend). */

/** Settings of the DevCluster (CAPD's development provider, docker backend). */
export interface DevClusterSpec {
  /** The HAProxy load balancer container in front of the API servers. @default - CAPD's image */
  readonly loadBalancer?: { readonly imageRepository?: string; readonly imageTag?: string };
  /** Failure domains to spread machines over. @default - none */
  readonly failureDomains?: readonly { readonly name: string; readonly controlPlane?: boolean }[];
}

/** Settings of a DevMachineTemplate (docker backend). */
export interface DevMachineSpec {
  /** Node image. @default - kindest/node for the machine's Kubernetes version */
  readonly customImage?: string;
  /** Host paths mounted into the node container. @default - none */
  readonly extraMounts?: readonly { readonly containerPath: string; readonly hostPath: string; readonly readOnly?: boolean }[];
  /** Images loaded into the node before it starts. @default - none */
  readonly preLoadImages?: readonly string[];
}
