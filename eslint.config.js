import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
  'util',
  'stream',
];

/** Layer rules from ARCHITECTURE.md, enforced here so a forbidden import fails `npm run lint`. */
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**'],
    rules: restrict([
      {
        group: ['**/main/**', '**/main', '**/preload/**', '**/preload'],
        message: 'The renderer imports only shared/ (ARCHITECTURE rule 1).',
      },
      {
        group: ['electron', ...nodeBuiltins],
        message: 'The renderer has no Node or Electron: go through renderer/api.',
      },
    ]),
  },
  {
    files: ['shared/**'],
    rules: restrict([
      {
        group: ['electron', 'react', 'react-dom', 'better-sqlite3', 'keytar', ...nodeBuiltins],
        message: 'shared/ imports no runtime (ARCHITECTURE rule 3).',
      },
      {
        group: ['**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'shared/ depends on nothing else in the app.',
      },
    ]),
  },
  {
    files: ['preload/**'],
    rules: restrict([
      {
        group: ['**/main/**', '**/renderer/**', ...nodeBuiltins],
        message: 'The preload imports only electron and shared/contract (ARCHITECTURE rule 2).',
      },
    ]),
  },
  {
    files: ['main/core/**', 'main/host/**', 'main/http/**', 'main/demo/**', 'main/serve.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'Only main/index.ts and main/shell/ may import electron (ARCHITECTURE rule 4).',
      },
      {
        group: ['**/renderer/**', '**/preload/**', '**/shell/**'],
        message: 'The core does not know its transports.',
      },
    ]),
  },
  {
    // Raw IPC only inside the typed wrappers, as GitHub Desktop does.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/shell/ipc.ts', 'preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Use main/shell/ipc.ts.' },
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only preload/index.ts talks to ipcRenderer.',
        },
      ],
    },
  },
);
