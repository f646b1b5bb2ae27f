/**
 * The plan reads each provider's facts (template kinds, immutable fields) from the registry;
 * importing the built-in providers here registers them for every user of the plan.
 */
import '../providers';
import { ImmutableField, registeredProviders } from '../core/provider';

/** Immutable fields of the registered providers' kinds, keyed `<group>/<Kind>`; a bare path is a field whose every change is rejected. */
export function providerImmutableFields(): Record<string, readonly ImmutableField[]> {
  const out: Record<string, readonly ImmutableField[]> = {};
  for (const p of registeredProviders()) {
    const group = p.apiVersion.split('/')[0];
    for (const [kind, fields] of Object.entries(p.plan?.immutableFields ?? {})) {
      out[`${group}/${kind}`] = fields.map((f) => (typeof f === 'string' ? { path: f } : f));
    }
  }
  return out;
}

/** Values the providers' webhooks or CRDs fill in for unset fields, keyed `<group>/<Kind>`, then by dot path. */
export function providerServerDefaults(): Record<string, Readonly<Record<string, unknown>>> {
  const out: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const p of registeredProviders()) {
    const group = p.apiVersion.split('/')[0];
    for (const [kind, values] of Object.entries(p.plan?.serverDefaults ?? {})) out[`${group}/${kind}`] = values;
  }
  return out;
}
