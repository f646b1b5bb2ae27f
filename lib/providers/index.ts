/**
 * The built-in infrastructure providers, each a complete folder. This file is the only list of
 * providers: importing it registers them with the core's registry.
 */
import { registerProvider } from '../core/provider';
import { awsProvider } from './aws';
import { azureProvider } from './azure';
import { devProvider } from './dev';
import { vsphereProvider } from './vsphere';

registerProvider(awsProvider);
registerProvider(azureProvider);
registerProvider(devProvider);
registerProvider(vsphereProvider);

export * from './aws';
export * from './azure';
export * from './dev';
export * from './vsphere';
