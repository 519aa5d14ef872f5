// @ts-check
import js from '@eslint/js';
import prettierOff from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-console': 'off',
    },
  },
  {
    // Scripts and UI tests run as plain Node ESM (no build): Node's web globals.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { fetch: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
  {
    // UI tests hand functions to page.evaluate(), which run in the workbench's page.
    files: ['test/ui/**/*.mjs'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', getComputedStyle: 'readonly' },
    },
  },
  {
    // The core speaks HTTP and builds the model, and the view models turn it into rows and text (and
    // publicAccount into the exported API's shape): none may depend on the editor, which is what lets
    // them be tested in plain Node.
    files: ['src/core/**/*.ts', 'src/views/viewModels/**/*.ts', 'src/api/publicAccount.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/core, src/views/viewModels and src/api/publicAccount.ts must not import vscode: render in src/views instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every promise has an owner that logs its failure: `void promise` would drop it unseen.
    files: ['src/**/*.ts'],
    rules: { 'no-void': 'error' },
  },
  // Layout is Prettier's job (`npm run lint` runs `prettier --check`): turn off the rules it owns.
  prettierOff,
);
