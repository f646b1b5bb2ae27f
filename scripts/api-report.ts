/**
 * Records the public API of every entry point of the package in api/*.api.md (API Extractor reports).
 *
 *   npm run api              rebuilds the declarations and rewrites the reports in api/
 *   npm run api -- --check   fails (exit 1) if a committed report differs from the current API (CI)
 *
 * Steps: (1) declaration-only build of tsconfig.build.json into .tmp/api-report/build (a fresh folder
 * each run, so stale declarations under build/ cannot hide a missing source file); (2) API Extractor
 * on each entry point, all sharing one TypeScript program; (3) compare with / write to api/.
 * Reports name files relative to the package root (build/lib/...), so they are the same on every machine.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  ExtractorMessage,
  IConfigFile,
} from '@microsoft/api-extractor';

interface EntryPoint {
  /** The subpath in package.json "exports". */
  readonly subpath: string;
  /** Its declaration file, relative to the package root (as in package.json "exports"). */
  readonly types: string;
  /** The report's base name in api/ (API Extractor appends .api.md). */
  readonly report: string;
}

/** Every entry point must be listed here; a missing declaration file is an error. */
const ENTRY_POINTS: readonly EntryPoint[] = [
  { subpath: '.', types: 'build/lib/index.d.ts', report: 'capi-constructs' },
  { subpath: './cdk8s', types: 'build/lib/cdk8s/index.d.ts', report: 'capi-constructs-cdk8s' },
  { subpath: './pulumi', types: 'build/lib/pulumi/index.d.ts', report: 'capi-constructs-pulumi' },
  { subpath: './pulumi/aws', types: 'build/lib/pulumi/aws/index.d.ts', report: 'capi-constructs-pulumi-aws' },
  { subpath: './pulumi/testing', types: 'build/lib/pulumi/testing.d.ts', report: 'capi-constructs-pulumi-testing' },
];

const ROOT = path.resolve(__dirname, '..');
const API_DIR = path.join(ROOT, 'api');
const WORK = path.join(ROOT, '.tmp', 'api-report');
const OUT = path.join(WORK, 'reports');
const REPORT_SUFFIX = '.api.md';

const check = process.argv.includes('--check');
/** Set when a committed report is missing, stale or out of date (the fix is `npm run api`). */
let reportsOutOfDate = false;

function rel(p: string): string {
  return path.relative(ROOT, p).split(path.sep).join('/');
}

function timed<T>(label: string, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    console.log(`api: ${label}: ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }
}

/** Step 1: declaration-only emit of tsconfig.build.json into WORK/build (rootDir "." keeps lib/, bin/). */
function buildDeclarations(): void {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: d => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.build.json'),
    {
      outDir: path.join(WORK, 'build'),
      declaration: true,
      emitDeclarationOnly: true,
      declarationMap: false,
      sourceMap: false,
      incremental: false,
      noEmit: false,
    },
    host,
  );
  if (!parsed) throw new Error('cannot read tsconfig.build.json');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const emitted = program.emit();
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  const errors = diagnostics.filter(d => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const formatHost: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: f => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => '\n',
    };
    const format = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    console.error(format(errors, formatHost));
    throw new Error(`the declaration build (tsconfig.build.json) failed with ${errors.length} error(s)`);
  }
}

/** Every "exports" subpath with "types" must be an entry point here, with the same declaration file. */
function checkPackageExports(problems: string[]): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const exportsField: Record<string, unknown> = pkg.exports ?? {};
  for (const [subpath, target] of Object.entries(exportsField)) {
    const types = typeof target === 'object' && target !== null ? (target as Record<string, unknown>).types : undefined;
    if (typeof types !== 'string') continue;
    const entry = ENTRY_POINTS.find(e => e.subpath === subpath);
    if (!entry) {
      problems.push(`package.json exports "${subpath}" (${types}) has no API report: add it to ENTRY_POINTS in scripts/api-report.ts`);
    } else if (path.posix.normalize(types) !== entry.types) {
      problems.push(`package.json exports "${subpath}" types ${types}, but scripts/api-report.ts expects ${entry.types}`);
    }
  }
  for (const entry of ENTRY_POINTS) {
    if (!(entry.subpath in exportsField)) {
      console.warn(`api: warning: entry point "${entry.subpath}" is not in package.json "exports" yet`);
    }
  }
}

function extractorConfig(entry: EntryPoint, entryFiles: readonly string[]): ExtractorConfig {
  const configObject: IConfigFile = {
    projectFolder: WORK,
    mainEntryPointFilePath: path.join(WORK, entry.types),
    bundledPackages: [],
    newlineKind: 'lf',
    compiler: {
      // Only the declaration closure of the entry points is analysed, not the sources or tests.
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2022'],
          types: ['node'],
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
        },
        files: [...entryFiles],
      },
      skipLibCheck: true,
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.report,
      reportFolder: OUT,
      reportTempFolder: path.join(WORK, 'temp'),
      // Types the entry point uses but does not export are part of its API too.
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      extractorMessageReporting: {
        // Everything API Extractor notices is written into the report (reviewed in the diff), not the console.
        default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
        'ae-forgotten-export': { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
        // Noise for this project: it does not use @public/@beta release tags.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        'ae-unresolved-link': { logLevel: ExtractorLogLevel.None },
        // The report already marks such items "(undocumented)"; listing each member again is noise.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
      },
      // TSDoc syntax of the doc comments is not checked: the comments are prose, not TSDoc.
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: undefined,
    // A copy in WORK: API Extractor prints file names relative to the package.json folder.
    packageJsonFullPath: path.join(WORK, 'package.json'),
  });
}

/** Step 2: one API Extractor run per entry point; returns the generated report paths. */
function extract(problems: string[]): Map<EntryPoint, string> {
  const entryFiles = ENTRY_POINTS.map(e => path.join(WORK, e.types));
  const missing = ENTRY_POINTS.filter((_, i) => !fs.existsSync(entryFiles[i]));
  for (const entry of missing) {
    problems.push(
      `entry point "${entry.subpath}": ${entry.types} was not produced by the declaration build ` +
        `(is ${entry.types.replace(/^build\//, '').replace(/\.d\.ts$/, '.ts')} missing?)`,
    );
  }
  const present = ENTRY_POINTS.filter(e => !missing.includes(e));
  const presentFiles = present.map(e => path.join(WORK, e.types));
  const generated = new Map<EntryPoint, string>();
  fs.mkdirSync(OUT, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(WORK, 'package.json'));
  let compilerState: CompilerState | undefined;
  for (const entry of present) {
    const config = extractorConfig(entry, presentFiles);
    if (!compilerState) {
      compilerState = timed('TypeScript program for API Extractor', () => CompilerState.create(config, { additionalEntryPoints: presentFiles }));
    }
    const state = compilerState;
    const result = timed(`API Extractor "${entry.subpath}"`, () =>
      Extractor.invoke(config, {
        localBuild: true,
        compilerState: state,
        messageCallback: (message: ExtractorMessage) => {
          message.handled = true;
          if (message.logLevel === ExtractorLogLevel.None || message.logLevel === ExtractorLogLevel.Verbose) return;
          if (message.logLevel === ExtractorLogLevel.Info) return;
          // "report created/changed" notices concern WORK/reports; step 3 compares with api/ itself.
          if (message.messageId.startsWith('console-api-report-') && message.logLevel !== ExtractorLogLevel.Error) return;
          const where = message.sourceFilePath
            ? `${path.relative(WORK, message.sourceFilePath)}:${message.sourceFileLine}:${message.sourceFileColumn} - `
            : '';
          const text = `api: ${message.logLevel} ("${entry.subpath}"): ${where}(${message.messageId}) ${message.text}`;
          if (message.logLevel === ExtractorLogLevel.Error) console.error(text);
          else console.warn(text);
        },
      }),
    );
    if (result.errorCount > 0) {
      problems.push(`entry point "${entry.subpath}": API Extractor reported ${result.errorCount} error(s) (see above)`);
    }
    const file = path.join(OUT, entry.report + REPORT_SUFFIX);
    if (fs.existsSync(file)) generated.set(entry, file);
    else problems.push(`entry point "${entry.subpath}": API Extractor wrote no report`);
  }
  return generated;
}

function showDiff(committed: string, generated: string): void {
  const args = [rel(committed), rel(generated)];
  const git = spawnSync('git', ['diff', '--no-index', '--no-color', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  const out = git.error ? spawnSync('diff', ['-u', ...args], { cwd: ROOT, encoding: 'utf8' }).stdout : git.stdout;
  const lines = (out ?? '').split('\n');
  const limit = 300;
  console.error(lines.slice(0, limit).join('\n'));
  if (lines.length > limit) console.error(`... (${lines.length - limit} more diff lines)`);
}

/** Step 3: --check compares with api/; otherwise api/ is rewritten (and reports of removed entry points deleted). */
function compareOrWrite(generated: Map<EntryPoint, string>, problems: string[]): void {
  const expected = new Set(ENTRY_POINTS.map(e => e.report + REPORT_SUFFIX));
  const stale = fs.existsSync(API_DIR) ? fs.readdirSync(API_DIR).filter(f => f.endsWith(REPORT_SUFFIX) && !expected.has(f)) : [];
  if (!check) fs.mkdirSync(API_DIR, { recursive: true });
  for (const f of stale) {
    if (check) {
      reportsOutOfDate = true;
      problems.push(`api/${f} belongs to no entry point (\`npm run api\` deletes it)`);
    } else {
      fs.rmSync(path.join(API_DIR, f));
      console.log(`api: deleted api/${f} (no such entry point)`);
    }
  }
  for (const [entry, file] of generated) {
    const committed = path.join(API_DIR, entry.report + REPORT_SUFFIX);
    const now = fs.readFileSync(file, 'utf8');
    const before = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : undefined;
    if (before === now) {
      console.log(`api: "${entry.subpath}" ${rel(committed)} is up to date`);
    } else if (check) {
      reportsOutOfDate = true;
      if (before === undefined) {
        problems.push(`entry point "${entry.subpath}": ${rel(committed)} is missing`);
      } else {
        console.error(`\napi: the API of entry point "${entry.subpath}" differs from ${rel(committed)}:`);
        showDiff(committed, file);
        problems.push(`entry point "${entry.subpath}": the API differs from ${rel(committed)} (diff above)`);
      }
    } else {
      fs.writeFileSync(committed, now);
      console.log(`api: "${entry.subpath}" ${before === undefined ? 'created' : 'updated'} ${rel(committed)}`);
    }
  }
}

function main(): number {
  const t0 = performance.now();
  fs.rmSync(WORK, { recursive: true, force: true });
  const problems: string[] = [];
  timed('declaration build (tsconfig.build.json)', buildDeclarations);
  checkPackageExports(problems);
  const generated = extract(problems);
  compareOrWrite(generated, problems);
  console.log(`api: total: ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  if (problems.length > 0) {
    console.error(`\napi: ${check ? 'check failed' : 'failed'}:`);
    for (const p of problems) console.error(`  - ${p}`);
    if (reportsOutOfDate) {
      console.error(
        '\nThe public API differs from the committed report(s). If the change is intended, run `npm run api` ' +
          'and commit the updated api/*.api.md; otherwise fix the exports.',
      );
    }
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`api: ${(err as Error).message}`);
  process.exitCode = 1;
}
