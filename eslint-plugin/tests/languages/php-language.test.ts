import * as assert from 'node:assert/strict';
import { Linter } from 'eslint';
import { Linter as LinterV9 } from 'eslint-v9';
import { parsePhp } from '../../src/languages/php/parse-php';
import { PhpSourceCode } from '../../src/languages/php/php-source-code';
import { isPhpNode, type PhpNode } from '../../src/languages/php/php-ast';
import { phpVisitorKeys } from '../../src/languages/php/visitor-keys';
import plugin = require('../../src/index');

const config = plugin.configs.recommended as Linter.Config[];

function lint(code: string, filename = 'app/Http/Controllers/SessionController.php', linter: Pick<Linter, 'verify'> = new Linter()): Linter.LintMessage[] {
  return linter.verify(code, config, { filename });
}

const PLAIN_LOGOUT = `<?php

use Illuminate\\Support\\Facades\\Auth;

class SessionController
{
    public function destroy()
    {
        Auth::logout();
    }
}
`;

describe('PHP language', function () {
  describe('locations and source code', function () {
    it('reports the call without its semicolon, at 1-based lines and columns', function () {
      const [message] = lint(PLAIN_LOGOUT);
      assert.equal(message?.ruleId, 'secure-logout/invalidate-session');
      assert.deepEqual([message?.line, message?.column, message?.endLine, message?.endColumn], [9, 9, 9, 23]);
    });

    it('counts columns in UTF-16 units after non-ASCII text', function () {
      const code = PLAIN_LOGOUT.replace('Auth::logout();', "$x = 'é😀'; Auth::logout();");
      const [message] = lint(code);
      assert.equal(message?.column, 9 + "$x = 'é😀'; ".length);
    });

    it('gives parents, ranges, text and comments', function () {
      const text = `<?php\n// first\nfunction logout() { /* inner */ return 1; }\n`;
      const sourceCode = new PhpSourceCode({ text, ast: parsePhp(text, 'a.php') });
      const steps = [...sourceCode.traverse()];
      const fn = steps.map((s) => s.target as PhpNode).find((n) => n.kind === 'function')!;
      assert.equal(sourceCode.getParent(fn)?.kind, 'program');
      assert.equal(sourceCode.getText(fn as never), 'function logout() { /* inner */ return 1; }');
      assert.deepEqual(
        sourceCode.comments.map((c) => [c.type, c.value, c.loc.start.line, c.loc.end.line, text.slice(...c.range)]),
        [
          ['Line', ' first', 2, 2, '// first'],
          ['Block', ' inner ', 3, 3, '/* inner */'],
        ],
      );
      assert.equal(steps.length % 2, 0, 'every node is entered and left');
    });

    it('enters and leaves every node depth first, with its parent, each time it is iterated', function () {
      const text = `<?php\nclass A { public function b($x) { if ($x) { Auth::logout(); } else { return [1, 2]; } } }\n`;
      const sourceCode = new PhpSourceCode({ text, ast: parsePhp(text, 'a.php') });
      const expected: string[] = [];
      const walk = (node: PhpNode, parent: PhpNode | null): void => {
        expected.push(`enter ${node.kind} < ${parent?.kind ?? '-'}`);
        for (const key of phpVisitorKeys[node.kind] ?? []) {
          const value = node[key];
          for (const child of Array.isArray(value) ? value : [value]) if (isPhpNode(child)) walk(child, node);
        }
        expected.push(`leave ${node.kind} < ${parent?.kind ?? '-'}`);
      };
      walk(sourceCode.ast, null);
      const seen = (): string[] =>
        [...sourceCode.traverse()].map((step) => {
          const [node, parent] = step.args as [PhpNode, PhpNode | null];
          assert.equal(step.target, node);
          return `${step.phase === 1 ? 'enter' : 'leave'} ${node.kind} < ${parent?.kind ?? '-'}`;
        });
      assert.ok(expected.length > 30, `${expected.length} steps`);
      assert.deepEqual(seen(), expected);
      assert.deepEqual(seen(), expected);
    });

    it('answers getParent for a node the traversal has not reached', function () {
      const text = `<?php\nfunction a() { return 1; }\nfunction b() { Auth::logout(); }\n`;
      const sourceCode = new PhpSourceCode({ text, ast: parsePhp(text, 'a.php') });
      const steps = sourceCode.traverse()[Symbol.iterator]();
      steps.next();
      const b = sourceCode.ast.children[1] as PhpNode;
      assert.equal(sourceCode.getParent(b)?.kind, 'program');
    });

    it('supports esquery selectors over php-parser kinds', function () {
      const seen: string[] = [];
      const linter = new Linter();
      linter.verify(
        PLAIN_LOGOUT,
        [
          {
            files: ['**/*.php'],
            plugins: {
              'secure-logout': plugin as never,
              probe: { rules: { calls: { create: () => ({ 'method call > staticlookup'(node: PhpNode) { seen.push(node.kind); } }) } } } as never,
            },
            language: 'secure-logout/php',
            rules: { 'probe/calls': 'error' },
          },
        ],
        { filename: 'a.php' },
      );
      assert.deepEqual(seen, ['staticlookup']);
    });
  });

  describe('inline directives', function () {
    it('honours eslint-disable-next-line with a rule id', function () {
      const code = PLAIN_LOGOUT.replace('        Auth::logout();', '        // eslint-disable-next-line secure-logout/invalidate-session\n        Auth::logout();');
      assert.deepEqual(lint(code), []);
    });

    it('honours # comments, eslint-disable-line and block disable/enable', function () {
      assert.deepEqual(lint(PLAIN_LOGOUT.replace('Auth::logout();', 'Auth::logout(); # eslint-disable-line secure-logout/invalidate-session')), []);
      assert.deepEqual(lint(`<?php\n/* eslint-disable */\n${PLAIN_LOGOUT.slice(6)}`), []);
      const reenabled = PLAIN_LOGOUT.replace('    public function', '    /* eslint-disable secure-logout/invalidate-session */\n    /* eslint-enable secure-logout/invalidate-session */\n    public function');
      assert.deepEqual(lint(reenabled).filter((m) => m.ruleId).map((m) => m.ruleId), ['secure-logout/invalidate-session']);
    });

    it('applies /* eslint rule: off */ configuration comments', function () {
      assert.deepEqual(lint(`<?php\n/* eslint secure-logout/invalidate-session: "off" */\n${PLAIN_LOGOUT.slice(6)}`), []);
    });

    it('reports unused disable directives like JS does', function () {
      const linter = new Linter();
      const messages = linter.verify(`<?php\n// eslint-disable-next-line secure-logout/invalidate-session\n$x = session();\n`, [...config, { linterOptions: { reportUnusedDisableDirectives: 'error' } }], { filename: 'a.php' });
      assert.equal(messages.length, 1);
      assert.match(messages[0]!.message, /Unused eslint-disable directive/);
    });
  });

  describe('syntax errors and bad input', function () {
    it('still analyses half-typed code (php-parser error recovery), with no parse message', function () {
      const code = PLAIN_LOGOUT.replace('Auth::logout();', 'Auth::logout();\n        $request->session()->');
      const messages = lint(code);
      assert.deepEqual(messages.map((m) => [m.ruleId, m.line]), [['secure-logout/invalidate-session', 9]]);
    });

    it('analyses files php-parser wrongly rejects (spread before named argument, instanceof expression, static::$x::new())', function () {
      for (const statement of ['f(...$args, b: 1);', '$ok = $a instanceof ((string) $b);', 'static::$factory::new();']) {
        const messages = lint(PLAIN_LOGOUT.replace('Auth::logout();', `${statement}\n        Auth::logout();`));
        assert.deepEqual(messages.map((m) => m.ruleId), ['secure-logout/invalidate-session'], statement);
      }
    });

    it('turns an unparsable file into one warning, never a fatal error', function () {
      const messages = lint(`<?php logout }}}} ((( class {{ function ) <?= ?> <<<EOT`);
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.ruleId, 'secure-logout/parse-error');
      assert.equal(messages[0]!.severity, 1);
      assert.equal(messages[0]!.fatal, undefined);
      assert.match(messages[0]!.message, /^secure-logout did not analyse this file, so its logouts are unchecked\. Reason: PHP parse failed: /);
    });

    it('skips binary and oversized files with a clear message', function () {
      assert.match(lint(`<?php\u0000logout`)[0]!.message, /file looks binary/);
      const huge = `<?php\n// logout\n${'$a = 1;\n'.repeat(260_000)}`;
      assert.match(lint(huge)[0]!.message, /file is larger than 2000000 bytes/);
      // Counted in UTF-8 bytes, not characters: 1.1 million 'é' are 1.1 M characters but 2.2 MB.
      assert.match(lint(`<?php\n// logout ${'é'.repeat(1_100_000)}\n`)[0]!.message, /file is larger than 2000000 bytes/);
    });

    it('does not parse files the prefilter rules out', function () {
      const program = parsePhp(`<?php\nclass Invoice { public function total() { return 1; } }\n`, 'a.php');
      assert.equal(program.prefiltered, true);
      assert.equal(program.children.length, 0);
      assert.equal(parsePhp(PLAIN_LOGOUT, 'a.php').prefiltered, undefined);
    });
  });

  describe('PHP 8 syntax', function () {
    it('parses attributes, enums, match, named arguments, readonly, first-class callables, property hooks', function () {
      const code = `<?php
enum Suit: string { case Hearts = 'h'; }
#[Attribute(flags: 1)]
final readonly class Handler
{
    public string $name { get => 'x'; }
    public function __construct(public readonly int $id) {}
    public function logout(Request $request): mixed
    {
        $len = strlen(...);
        Auth::guard(name: 'web')->logout();
        return match (true) { default => redirect('/') };
    }
}
`;
      const program = parsePhp(code, 'a.php');
      assert.deepEqual(program.errors, []);
      assert.deepEqual(lint(code).map((m) => [m.ruleId, m.line]), [['secure-logout/invalidate-session', 11]]);
    });
  });

  describe('configs.recommended', function () {
    it('does not parse Blade templates or files under tests/, vendor/, storage/', function () {
      const linter = new Linter();
      for (const filename of ['resources/views/auth/logout.blade.php', 'tests/Feature/LogoutTest.php', 'vendor/laravel/ui/src/AuthenticatesUsers.php', 'storage/framework/views/x.php']) {
        const messages = linter.verify(PLAIN_LOGOUT, config, { filename });
        assert.deepEqual(messages.map((m) => m.message), [`No matching configuration found for ${filename}.`], filename);
      }
    });

    it('works the same under ESLint 9', function () {
      const v9 = new LinterV9({ configType: 'flat' });
      const messages = lint(PLAIN_LOGOUT, 'app/C.php', v9 as unknown as Linter);
      assert.deepEqual(messages.map((m) => [m.ruleId, m.line, m.column]), [['secure-logout/invalidate-session', 9, 9]]);
      assert.equal(messages[0]!.suggestions?.length, 1);
    });
  });
});
