/**
 * The project's YAML writer and reader, both as go-yaml v2 (kubectl, Flux, Argo CD) reads YAML:
 * the writer (yaml-writer.ts) emits what it reads back exactly, the reader (yaml-reader.ts) reads
 * what it would (`yes` is a boolean, `0644` and `0o17` numbers when unquoted).
 */
import { Manifest } from '../capi';
import { yamlDocument } from './yaml-writer';

/** Serializes manifests as a multi-document YAML stream, separated by `---` as cdk8s does. */
export function toYaml(manifests: readonly Manifest[]): string {
  return manifests.map(yamlDocument).join('---\n');
}

export { readYamlDocuments as parseYamlDocuments } from './yaml-reader';
export type { YamlDocument } from './yaml-reader';
