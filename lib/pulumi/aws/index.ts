// AWS prerequisites of Cluster API Provider AWS (CAPA) as Pulumi components.
export * from './capa-iam-policies';
export * from './capa-iam';
export * from './capa-network';
export * from './capa-identity';
export * from './subnet-plan';
export type { PropertyIssue } from './_issues';
