// The two spec sections each provider fills in (declaration merging): kept in a file of their own
// so that every spec file can import them without an import cycle.

/**
 * The infrastructure provider and its cluster-level settings: exactly one section is set. Each
 * provider adds its section to this interface (TypeScript declaration merging, see
 * `providers/aws`), so the providers stay in their own folders and a third party can add one.
 */
export interface InfrastructureSpec {}

/**
 * Machine settings for the cluster's provider: set the section matching `infrastructure`. Each
 * provider adds its section (declaration merging, like InfrastructureSpec).
 */
export interface MachineSpec {}
