/**
 * An ApiObject whose content (and, for hashed templates, name) is produced at synth time by the
 * core. The construct is created once; adding a pool or an override later changes what it
 * renders, never which construct renders it, so dependencies, JSON patches and metadata added
 * to it are never lost.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../capi';

export class RenderedApiObject extends ApiObject {
  private readonly jsonPatches: JsonPatch[] = [];

  /** `type` is known when the construct is created; the rest is rendered at synth time. */
  constructor(scope: Construct, id: string, type: { apiVersion: string; kind: string }, private readonly produce: () => Manifest) {
    super(scope, id, { apiVersion: type.apiVersion, kind: type.kind, metadata: { name: '(rendered at synth)' } });
    // cdk8s reads the name from these two fields (file names, messages): keep them current.
    Object.defineProperty(this, 'name', { get: () => this.produce().metadata.name, configurable: true });
    Object.defineProperty(this.metadata, 'name', { get: () => this.produce().metadata.name, set: () => undefined, configurable: true });
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.jsonPatches.push(...ops);
    super.addJsonPatch(...ops);
  }

  /** The core's manifest with what cdk8s adds to any ApiObject: chart labels, metadata added to this object, JSON patches. */
  public toJson(): any {
    try {
      const m = this.produce();
      const chartLabels = this.chart.labels;
      // What was added to this object's metadata (labels, annotations, finalizers, owner
      // references) on top of the chart's labels; its name and namespace are the core's.
      const { name: _name, namespace: _namespace, labels = {}, annotations = {}, ...extra } = this.metadata.toJson() ?? {};
      const added = Object.fromEntries(Object.entries(labels as Record<string, string>).filter(([k, v]) => chartLabels[k] !== v));
      const metadata = sanitize({
        ...extra,
        ...m.metadata,
        labels: { ...chartLabels, ...m.metadata.labels, ...added },
        annotations: { ...m.metadata.annotations, ...annotations },
      }, true);
      const patched = JsonPatch.apply(sanitize({ ...m, metadata }, false), ...this.jsonPatches);
      const result: Record<string, unknown> = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
        if (k in patched) result[k] = patched[k];
      }
      return result;
    } catch (e) {
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }
}

/** What cdk8s does to every object before it writes it: sorted keys, no null or undefined; in metadata no empty lists or objects either. */
function sanitize(value: any, dropEmpty: boolean): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return dropEmpty && value.length === 0 ? undefined : value.map(v => sanitize(v, dropEmpty));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = sanitize(value[key], dropEmpty);
    if (v !== undefined && v !== null) out[key] = v;
  }
  return dropEmpty && Object.keys(out).length === 0 ? undefined : out;
}
