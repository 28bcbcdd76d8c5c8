import * as path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin = require('../../src/index');
import { typescriptParser } from '../../src/languages/js/typescript-parser';

// @typescript-eslint/rule-tester runs its cases through these hooks: wire them to mocha.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Small projects (a package.json, sometimes route and config files) that decide versions and routes. */
export const NODE_FIXTURES = path.resolve(__dirname, '../fixtures/node');

/** An absolute file name inside one of the fixture projects: the rules read its package.json. */
export function fixtureFile(project: string, file: string): string {
  return path.join(NODE_FIXTURES, project, file);
}

/**
 * The JS/TS rule tester: configs.recommended's parser (@typescript-eslint/parser without type
 * information), so the prefilter equivalence run (tests/speed/js-prefilter.test.ts) covers these cases too.
 */
export function jsRuleTester(): RuleTester {
  return new RuleTester({ languageOptions: { parser: typescriptParser as never } });
}

export { plugin };
