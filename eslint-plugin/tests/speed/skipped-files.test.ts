import * as assert from 'node:assert/strict';
import { typescriptParser } from '../../src/languages/js/typescript-parser';
import { parsePhp } from '../../src/languages/php/parse-php';
import { byLanguage } from '../../src/util/language';

/**
 * A file the prefilter skipped (an empty program, nothing parsed) can have no finding, so the rules
 * create no listener for it: on a 1,100-file app that is most files times every rule. The one
 * exception is a PHP file that calls a logout helper declared in settings, which the PHP half reads
 * in full.
 */
const halves = { php: () => ({ 'program:exit'() {} }), js: () => ({ 'Program:exit'() {} }) };
const HELPER = { 'secure-logout': { logoutHelpers: [{ name: 'App\\Support\\AuthGateway::signOut', completes: false }] } };

function listenersFor(ast: unknown, text: string, settings: Record<string, unknown> = {}): string[] {
  return Object.keys(byLanguage({ sourceCode: { ast, text }, settings } as never, halves));
}

describe('rules on files the prefilter skipped', function () {
  it('PHP: no listener for a skipped file; a parsed one, or a skipped one calling a declared helper, gets the PHP half', function () {
    const translations = "<?php\nreturn ['logout' => 'Log out'];\n";
    assert.deepEqual(listenersFor(parsePhp(translations, 'lang/en/auth.php'), translations), []);
    const controller = '<?php\nclass A { function out() { Auth::logout(); } }\n';
    assert.deepEqual(listenersFor(parsePhp(controller, 'app/A.php'), controller), ['program:exit']);
    const helper = '<?php\nclass B { function out() { AuthGateway::signOut(); } }\n';
    const skipped = parsePhp(helper, 'app/B.php');
    assert.equal(skipped.prefiltered, true);
    assert.deepEqual(listenersFor(skipped, helper), []);
    assert.deepEqual(listenersFor(skipped, helper, HELPER), ['program:exit']);
  });

  it('JS: no listener for a file the standalone prefilter skipped; a parsed one gets the JS half', function () {
    const options = { secureLogout: { prefilter: true }, sourceType: 'module' } as never;
    const plain = 'export const a = 1;\n';
    assert.deepEqual(listenersFor(typescriptParser.parseForESLint(plain, options).ast, plain), []);
    assert.deepEqual(listenersFor(typescriptParser.parseForESLint(plain, {} as never).ast, plain), ['Program:exit'], 'not skipped without the prefilter');
    const logout = 'router.post("/out", (req, res) => req.logout(() => res.end()));\n';
    assert.deepEqual(listenersFor(typescriptParser.parseForESLint(logout, options).ast, logout), ['Program:exit']);
  });
});
