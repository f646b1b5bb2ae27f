/**
 * The built-in infrastructure providers, each a complete folder. This file is the only list of
 * providers: importing it registers them with the core's registry.
 */
import { registerProvider } from '../core/provider';
import { awsProvider } from './aws';
import { devProvider } from './dev';
import { vsphereProvider } from './vsphere';
import { azureProvider } from './azure';

registerProvider(awsProvider);
registerProvider(devProvider);
registerProvider(vsphereProvider);
registerProvider(azureProvider);

export * from './aws';
export * from './dev';
export * from './vsphere';
export * from './azure';
