/**
 * The built-in infrastructure providers, each a complete folder. This file is the only list of
 * providers: importing it registers them with the core's registry.
 */
import { registerProvider } from '../core/provider';
import { awsProvider } from './aws';
import { devProvider } from './dev';
import { vsphereProvider } from './vsphere';

registerProvider(awsProvider);
registerProvider(devProvider);
registerProvider(vsphereProvider);

export * from './aws';
export * from './dev';
export * from './vsphere';
