// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import daylight from './tools/eslint/layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/e2e/screenshots/**',
      'server/dashboard/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js}'],
    plugins: { daylight },
    rules: {
      'daylight/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a zod enum or a union of literals instead of a TypeScript enum.' },
      ],
    },
  },
  {
    files: ['extension/background/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'daylight/no-worker-state': 'error' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
