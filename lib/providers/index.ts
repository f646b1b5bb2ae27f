/**
 * The built-in infrastructure providers, each a complete folder. This file is the only list of
 * providers: importing it registers them with the core's registry.
 */
import { registerProvider } from '../core/provider';
import { awsProvider } from './aws';
import { devProvider } from './dev';

registerProvider(awsProvider);
registerProvider(devProvider);

export * from './aws';
export * from './dev';
