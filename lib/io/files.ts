/** Reads manifests from text, files and folders (YAML multi-document, as kubectl does, or JSON). */
import * as fs from 'fs';
import * as path from 'path';
import { PlanInputError, PlanManifest } from '../plan/types';
import { parseYamlDocuments } from '../support/yaml';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kustomize's own files sit beside manifests in GitOps folders; they are not objects. */
function isKustomizeFile(doc: Record<string, unknown>): boolean {
  return typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('kustomize.config.k8s.io/');
}

function checkObject(doc: unknown, where: string): PlanManifest {
  const metadata = isRecord(doc) ? doc.metadata : undefined;
  if (
    !isRecord(doc) ||
    typeof doc.apiVersion !== 'string' ||
    typeof doc.kind !== 'string' ||
    !isRecord(metadata) ||
    typeof metadata.name !== 'string'
  ) {
    throw new PlanInputError(`${where}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
  }
  return doc as PlanManifest;
}

/** Flattens `kind: List` (what `kubectl get -o yaml` writes) and drops empty documents. */
function objectsOf(doc: unknown, where: string): PlanManifest[] {
  if (doc === null || doc === undefined) return [];
  if (isRecord(doc) && isKustomizeFile(doc)) return [];
  if (isRecord(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.map((item, i) => checkObject(item, `${where} item ${i}`));
  }
  return [checkObject(doc, where)];
}

/**
 * Parses manifests from one file's text. `source` names the file in errors. YAML is read as
 * kubectl reads it (go-yaml v2: `yes` is a boolean, `0644` and `0o17` numbers; see
 * support/yaml-reader.ts); `.json` files as JSON.
 */
export function parseManifests(text: string, source: string): PlanManifest[] {
  if (/\.json$/i.test(source)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new PlanInputError(`${source}: invalid JSON: ${(e as Error).message}`);
    }
    return objectsOf(doc, source);
  }
  const docs = parseYamlDocuments(text);
  const out: PlanManifest[] = [];
  docs.forEach((doc, i) => {
    const where = docs.length > 1 ? `${source} (document ${i + 1})` : source;
    if (doc.error !== undefined) throw new PlanInputError(`${where}: invalid YAML: ${doc.error}`);
    out.push(...objectsOf(doc.value, where));
  });
  return out;
}

/** Every `.yaml`, `.yml` and `.json` file below `dir`, relative, sorted, hidden folders skipped. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (MANIFEST_FILE.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

/** Reads a manifest file, or every manifest file below a folder. */
export function readManifestPath(target: string): PlanManifest[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new PlanInputError(`${target}: no such file or folder`);
  }
  const files = stat.isDirectory() ? listFiles(target).map((f) => path.join(target, f)) : [target];
  return files.flatMap((file) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new PlanInputError(`${file}: cannot read: ${(e as Error).message}`);
    }
    return parseManifests(text, file);
  });
}

export { MANIFEST_FILE };
