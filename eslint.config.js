import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['out/', 'dist/', 'test-results/', 'playwright-report/', '.kiosk-data/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'server/console/page/**/*.{ts,tsx}', 'tests/component/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, empty included.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'build/**/*.mjs', '*.config.{js,ts}', 'server/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Keeps Electron behind its adapters: everything else in main runs, and is tested, under plain Node.
    files: ['**/*.{ts,tsx}'],
    ignores: [
      'src/main/electron/**',
      'src/main/index.ts',
      'src/preload/**',
      'tests/unit/electron/**',
      'tests/e2e/electron/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src/main/electron/, the composition root and the preload import electron.',
            },
          ],
        },
      ],
    },
  },
);
