import * as assert from 'node:assert/strict';
import { phpCodeText } from '../../src/languages/php/code-text';
import { mayMatter } from '../../src/languages/php/parse-php';

/**
 * The PHP prefilter skips a file whose logout, session or access-token words are only in strings
 * and comments (translation arrays, messages) when it calls nothing (`->`, `::`). That it never
 * changes a finding is proved in laravel-equivalence.test.ts; here, what it reads as code.
 */
describe('PHP prefilter: words only in strings and comments', function () {
  it('leaves out comments and plain strings; keeps interpolated strings and attributes', function () {
    const code = phpCodeText(`<?php
// logout here
# session there
/* logout */ $a = 'logout' . "session" . "{$request->session()}" . 'it\\'s';
#[Logout]
function f() {}
`);
    assert.ok(code !== undefined);
    assert.ok(code.includes('"{$request->session()}"'), 'an interpolated string stays');
    assert.ok(code.includes('#[Logout]'), 'an attribute stays');
    const rest = code.replace('"{$request->session()}"', '').replace('#[Logout]', '');
    assert.ok(!/logout|session|here|there|it/i.test(rest), `comments and plain strings go: ${rest}`);
  });

  it('reads no file it cannot be sure of: heredocs, inline HTML, a second PHP block, backticks, an unclosed string', function () {
    for (const text of ["<?php\n$a = <<<'TXT'\nlogout\nTXT;\n", "<p>logout</p><?php echo 1;\n", "<?php echo 1; ?>\n<a href='/logout'>x</a>\n", "<?php\n$a = `echo 'logout'`;\n", "<?php\n$m = 'logout;\n"]) {
      assert.equal(phpCodeText(text), undefined, text);
      assert.equal(mayMatter(text), true, text);
    }
  });

  it('skips a translation array or a docblock-only mention, never a file that calls anything or names a word in code', function () {
    assert.equal(mayMatter("<?php\nreturn [\n    'logout' => 'Log out',\n    'session_expired' => \"Your session has expired.\",\n];\n"), false);
    assert.equal(mayMatter('<?php\n/** Ends the session. */\ninterface Guard { public function check(): bool; }\n'), false);
    assert.equal(mayMatter("<?php\nRoute::post('logout', [LoginController::class, 'logout']);\n"), true, 'a string beside a call can name the action');
    assert.equal(mayMatter("<?php\n$x = ['uses' => 'Auth\\\\LoginController@logout'];\n$y = $x->route;\n"), true);
    assert.equal(mayMatter('<?php\nfunction out() { session_destroy(); }\n'), true, 'a word in code');
  });
});
