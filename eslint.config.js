// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.coffer/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  security.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      // Paths come from the user's own --vault flag or our own constants, never from a remote party.
      'security/detect-non-literal-fs-filename': 'off',
      // Index access on typed arrays and records is checked by noUncheckedIndexedAccess instead.
      'security/detect-object-injection': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:crypto', message: 'Only src/crypto/ may import node:crypto.' },
            { name: 'crypto', message: 'Only src/crypto/ may import node:crypto.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['src/crypto/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
