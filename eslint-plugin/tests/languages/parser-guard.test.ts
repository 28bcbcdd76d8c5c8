import * as assert from 'node:assert/strict';
import { Engine } from 'php-parser';
import { guardEngine, PhpParseAborted } from '../../src/languages/php/parser-guard';

const options = { parser: { suppressErrors: true, version: '8.4' }, ast: { withPositions: true } };

describe('php-parser guard', function () {
  it('ends the attribute state at trailing whitespace instead of looping (`#[` typed at the end)', function () {
    const engine = guardEngine(new Engine(options));
    for (const text of ['<?php\n#[', '<?php\n#[\n', '<?php\n#[ \t\r\n', '<?php\nclass A {\n    #[\n    public function f() {}\n}\n', '<?php #[Foo(1), \n']) {
      const ast = engine.parseCode(text, 'a.php') as unknown as { kind: string };
      assert.equal(ast.kind, 'program', JSON.stringify(text));
    }
  });

  it('stops error recovery that makes no progress (`<?php {namespace`)', function () {
    const engine = guardEngine(new Engine(options));
    assert.throws(() => engine.parseCode('<?php {namespace', 'a.php'), PhpParseAborted);
    // The engine is reusable afterwards.
    assert.equal((engine.parseCode('<?php echo 1;', 'b.php') as unknown as { children: unknown[] }).children.length, 1);
  });

  it('stops a parse that runs past its time budget', function () {
    const engine = guardEngine(new Engine(options), () => 0);
    const big = `<?php\n${'$a = foo($b, [1, 2, 3]);\n'.repeat(2_000)}`;
    assert.throws(() => engine.parseCode(big, 'big.php'), /longer than 0 ms/);
  });

  it('keeps ordinary parses unchanged', function () {
    const text = '<?php\n#[Route("/x")]\nclass A { #[Pure] public function f() { return 1; } }\n';
    const plain = JSON.stringify(new Engine(options).parseCode(text, 'a.php'));
    assert.equal(JSON.stringify(guardEngine(new Engine(options)).parseCode(text, 'a.php')), plain);
  });
});
