import * as YAML from 'yaml';
import { Manifest } from './manifest';

/**
 * Serializes manifests as a multi-document YAML stream, the way cdk8s does: YAML 1.1 rules,
 * so strings kubectl would read as booleans or octal numbers (`yes`, `on`, `0644`) are quoted,
 * and no line folding.
 */
export function toYaml(manifests: readonly Manifest[]): string {
  return manifests.map(m => YAML.stringify(m, { lineWidth: 0, version: '1.1' })).join('---\n');
}
