// ESLint: correctness, accessibility and the import boundaries of docs/architecture.md.
// Formatting is Prettier's job (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaryZones } from './scripts/lib/boundaries.js';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.builds/',
      '.astro/',
      'node_modules/',
      'vendor/',
      'bench/results/',
      'bench/tmp/',
      'data/',
      'test-results/',
      'playwright-report/',
      'public/',
    ],
  },
  js.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // Type-aware rules where the TypeScript program sees the file (.ts/.tsx). Astro files get
  // the syntactic set: their types are checked by `astro check`.
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['**/*.astro'], extends: [tseslint.configs.recommended] },
  ...astro.configs['flat/recommended'],
  // This registers the jsx-a11y plugin for every file and turns on its recommended rules
  // (for .astro through astro/jsx-a11y/*); .tsx islands get the plugin's own recommended set.
  ...astro.configs['flat/jsx-a11y-recommended'],
  {
    files: ['**/*.astro'],
    rules: {
      // Wide tables sit in a labelled <section> that scrolls sideways; it must take focus so
      // keyboard users can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
      'astro/jsx-a11y/no-noninteractive-tabindex': ['error', { tags: ['section'] }],
    },
  },
  { files: ['**/*.tsx'], languageOptions: jsxA11y.flatConfigs.recommended.languageOptions, rules: jsxA11y.flatConfigs.recommended.rules },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.astro'],
      // import-x parses imported files itself to follow cycles: TypeScript with its parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'], 'astro-eslint-parser': ['.astro'] },
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.astro', '.json'] } },
    },
    rules: {
      // No import cycles, and imports only in the directions docs/architecture.md names.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
    },
  },
  {
    files: [...TS, '**/*.astro'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  prettier,
);
