// ESLint flat config (CommonJS: package.json has no "type"). Run with `npm run lint`.
// Type-aware rules get their types from tsconfig.json through the typescript-eslint project service.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');

/** Every TypeScript source tree of the repository. Root-level *.ts files are deliberately not linted. */
const TS_FILES = [
  'lib/**/*.ts',
  'bin/**/*.ts',
  'test/**/*.ts',
  'scripts/**/*.ts',
  'bench/**/*.ts',
  'stacks/**/*.ts',
  'examples/**/*.ts',
  'tools/**/*.ts',
];

/**
 * tools/ is not (yet) in tsconfig.json's "include". Until it is, its files get type information from
 * the project service's default project; once tsconfig.json includes tools/, they must not be listed
 * here (typescript-eslint refuses files that are both in a project and in allowDefaultProject).
 */
function defaultProjectGlobs() {
  const tsconfig = path.join(__dirname, 'tsconfig.json');
  const { config } = ts.readConfigFile(tsconfig, (p) => fs.readFileSync(p, 'utf8'));
  const include = (config && config.include) || [];
  const coversTools = include.some((p) => /^(\.\/)?tools(\/|$)/.test(p) || p.startsWith('**'));
  return coversTools ? [] : ['tools/*.ts', 'tools/*/*.ts'];
}

module.exports = defineConfig(
  globalIgnores(['build/', 'dist/', 'node_modules/', '.tmp/', 'coverage/', '**/*.js', '!eslint.config.js']),

  {
    files: ['eslint.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },

  {
    files: TS_FILES,
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: defaultProjectGlobs(),
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: __dirname,
      },
    },
    rules: {
      // Off on purpose: the code base uses `any` at SDK boundaries, `require` for optional peers,
      // `{}`-typed props and namespaces in places.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-namespace': 'off',

      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // As cdk8s-plus: static members (factories such as KubernetesVersion.of) first, then fields,
      // the constructor, and accessors and methods in the order that reads best.
      '@typescript-eslint/member-ordering': ['error', {
        default: ['signature', 'static-field', 'static-method', 'field', 'constructor', ['get', 'set', 'method']],
        interfaces: 'never',
        typeLiterals: 'never',
      }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },

  {
    // The published library must not depend on test helpers or repository tooling.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/test', '**/test/**', '../../test/*', '**/tools', '**/tools/**'],
              message: 'lib/ must not import from test/ or tools/ (they are not part of the published package).',
            },
          ],
        },
      ],
    },
  },
);
