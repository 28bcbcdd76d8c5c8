import { RuleTester } from 'eslint';
import plugin = require('../../src/index');

/** ESLint's RuleTester on the PHP language, with mocha's describe/it (picked up as globals). */
export function phpRuleTester(): RuleTester {
  return new RuleTester({ plugins: { 'secure-logout': plugin as never }, language: 'secure-logout/php' });
}

export { plugin };
