/**
 * The project's YAML writer and reader. Both follow YAML 1.1 as go-yaml (kubectl, Flux, Argo CD)
 * does: strings such as `yes`, `on` or `0644` are quoted when written and read as booleans and
 * octal numbers when unquoted.
 */
import * as YAML from 'yaml';
import { Manifest } from '../capi';

/** Serializes manifests as a multi-document YAML stream, the way cdk8s does, with no line folding. */
export function toYaml(manifests: readonly Manifest[]): string {
  return manifests.map(m => YAML.stringify(m, { lineWidth: 0, version: '1.1' })).join('---\n');
}

/** One document of a YAML stream: its value, or the first error that made it unreadable. */
export interface YamlDocument {
  readonly value?: unknown;
  readonly error?: string;
}

/** Parses a multi-document YAML stream, document by document. */
export function parseYamlDocuments(text: string): YamlDocument[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map(doc => (doc.errors.length > 0 ? { error: doc.errors[0].message } : { value: doc.toJS() }));
}
