import type { Linter } from 'eslint';
import { rules, jsRuleNames } from '../rules';
import { typescriptParser } from '../languages/js/typescript-parser';

/** Paths that never hold the app's own handlers (dependencies, caches, tests, Blade templates). */
export const NOT_APP_CODE = ['**/vendor/**', '**/node_modules/**', '**/storage/**', '**/bootstrap/cache/**', '**/tests/**', '**/*.blade.php'];

/**
 * JS projects also keep tests in test/, __tests__/ and *.test.* / *.spec.* files. Front-end
 * assets (Laravel and AdonisJS resources/js, public/) and eslint.config.js (which names
 * secureLogout, a logout word) hold no handler.
 */
const JS_NOT_APP_CODE = [
  ...NOT_APP_CODE,
  ...['**/dist/**', '**/build/**', '**/test/**', '**/__tests__/**', '**/*.{test,spec}.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
  ...['**/resources/js/**', '**/public/**', '**/eslint.config.{js,mjs,cjs,ts,mts,cts}'],
];

type RuleName = keyof typeof rules;

function severities(names: readonly RuleName[]): Linter.RulesRecord {
  return Object.fromEntries(names.map((name) => [`secure-logout/${name}`, rules[name].meta.docs?.recommended ?? 'error']));
}

/**
 * The flat config users spread into `eslint.config.js`. Ignores are local to our blocks, so
 * the user's other configs still see `tests/` and the rest.
 *
 * `jsPrefilter` (`configs['recommended-standalone']`): JS/TS files without the text of a logout
 * site (`LOGOUT_SITE_TEXT`) are not parsed. ESLint gives a parser no way to know which other rules run
 * on a file, so this is the user's choice: right when our rules are the only ones on these files
 * (a security scan), wrong beside other JS rules, which would see an empty Program.
 */
export function recommendedConfig(plugin: unknown, phpRules: readonly RuleName[], { jsPrefilter = false } = {}): Linter.Config[] {
  return [
    // Alone on the files, our ignores can be global: ESLint's default config claims every *.js and
    // would otherwise parse the ones our blocks skip (bundles in public/, tests) with no rule to run.
    ...(jsPrefilter ? [{ name: 'secure-logout/standalone-ignores', ignores: JS_NOT_APP_CODE }] : []),
    {
      name: 'secure-logout/php',
      files: ['**/*.php'],
      ignores: NOT_APP_CODE,
      plugins: { 'secure-logout': plugin as never },
      language: 'secure-logout/php',
      rules: severities(phpRules),
    },
    {
      // JS/TS back ends (Express, AdonisJS, NestJS, Fastify, Koa). The TypeScript parser reads
      // plain JS too; no type information is needed.
      name: 'secure-logout/js',
      files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
      ignores: JS_NOT_APP_CODE,
      plugins: { 'secure-logout': plugin as never },
      languageOptions: { parser: typescriptParser as never, ...(jsPrefilter ? { parserOptions: { secureLogout: { prefilter: true } } } : {}) },
      rules: severities(jsRuleNames),
    },
  ];
}
