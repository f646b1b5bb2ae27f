import { awsProvider } from './aws';
import { devProvider } from './dev';
import { InfrastructureProvider } from './provider';

/** Every provider the core knows, by the key of its section in `infrastructure` and `machine`. */
export const PROVIDERS: Record<string, InfrastructureProvider<any, any>> = {
  aws: awsProvider,
  dev: devProvider,
};

export * from './provider';
export * from './aws';
export * from './dev';
