/**
 * Transpiles the library and the benchmark to plain JavaScript (TypeScript's transpileModule,
 * the same as `ts-node --transpile-only`) under `.tmp/bench-build/`, so the measured child
 * processes run plain node: no TypeScript compiler in memory, and no source-map-support
 * rewriting every stack trace Pulumi captures.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..');
export const BUILD_DIR = path.join(ROOT, '.tmp', 'bench-build');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Transpiles lib/, bench/ and tools/ and returns the path of the compiled child entry point. */
export function buildBench(): string {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, sourceMap: false, declaration: false, inlineSourceMap: false };
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  // tools/: the status case's API stand-in and fixtures.
  for (const file of [...sources(path.join(ROOT, 'lib')), ...sources(path.join(ROOT, 'bench')), ...sources(path.join(ROOT, 'tools'))]) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    const target = path.join(BUILD_DIR, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  return path.join(BUILD_DIR, 'bench', 'child.js');
}
