// The project lints its own TypeScript with typescript-eslint (no type information: fast, and
// the compiler already checks types in `npm run build`). Regression inputs are hostile on purpose
// (a 1,000-call chain overflows typescript-estree), so they are not the project's own code to lint.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-fixtures/**', '.e2e/**', 'oracle/laravel/**', 'eslint-plugin/tests/regressions/inputs/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import plugin = require(...)` is how TypeScript imports a CommonJS `export =` module.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
);
