import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractClassFacts, outlineClassFacts, type ClassFacts } from '../../src/facts/laravel/middleware-controller';
import { defaultPhpParseOptions, parsePhp } from '../../src/languages/php/parse-php';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../../scripts/test-support/environment';
import { requireOrSkip } from '../../../scripts/test-support/requirements';

/** The text-only class outline must agree with the parse-based facts wherever it answers. */
const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

function phpFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'vendor') phpFiles(full, out);
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out;
}

const normal = (facts: ClassFacts[]) => JSON.stringify(facts.map((f) => ({ ...f, methods: [...f.methods].sort() })));
const parsed = (text: string) => extractClassFacts(parsePhp(text, 'x.php', { ...defaultPhpParseOptions, prefilter: false }), 'x.php');

describe('class outline (text-only class facts)', () => {
  /** Compares outline and parse on every PHP file of `dir`; returns how many files the outline answered for. */
  function agreeOn(dir: string): number {
    let answered = 0;
    for (const file of phpFiles(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      const outline = outlineClassFacts(text);
      if (!outline) continue;
      answered++;
      assert.equal(normal(outline), normal(parsed(text)), file);
    }
    return answered;
  }

  it('agrees with the parsed facts on every fixture PHP file it answers for', () => {
    const answered = agreeOn(FIXTURES);
    assert.ok(answered >= 25, `answered for ${answered} files`);
  });

  it('agrees with the parsed facts on every acceptance-suite PHP file it answers for', function () {
    requireOrSkip(this, sharedAcceptance.need, sharedAcceptance.present(), sharedAcceptance.enable);
    const answered = agreeOn(SHARED_ACCEPTANCE_CASES);
    assert.ok(answered > 20, `answered for ${answered} files`);
  });

  it('resolves parents and traits through imports, aliases and the namespace; ignores comments, strings and closures', () => {
    const text = `<?php

namespace App\\Http\\Controllers\\Auth;

use App\\Http\\Controllers\\Controller as Base;
use App\\Concerns\\{ Unused };

/* class Fake extends Nothing { function nope() {} } */
class LoginController extends Base
{
    use Concerns\\LogsOut, \\App\\Support\\Audits;

    public function logout($request)
    {
        $label = 'function fake() class Other';
        return collect([1])->map(function ($x) use ($request) { return $x; });
    }
}
`;
    assert.equal(outlineClassFacts(text), undefined, 'a braced group import needs the parser');
    const plain = text.replace('use App\\Concerns\\{ Unused };\n', '');
    const [facts] = outlineClassFacts(plain)!;
    assert.deepEqual({ ...facts!, methods: [...facts!.methods] }, {
      fqn: 'App\\Http\\Controllers\\Auth\\LoginController',
      kind: 'class',
      extends: 'App\\Http\\Controllers\\Controller',
      traits: ['App\\Http\\Controllers\\Auth\\Concerns\\LogsOut', 'App\\Support\\Audits'],
      methods: ['logout'],
      middleware: [],
    });
    assert.equal(normal(outlineClassFacts(plain)!), normal(parsed(plain)));
  });

  it('leaves files with middleware, attributes, heredocs or several classes to the parser', () => {
    const base = "<?php\n\nnamespace App;\n\nclass A\n{\n    public function x()\n    {\n    }\n}\n";
    assert.ok(outlineClassFacts(base));
    assert.equal(outlineClassFacts(base.replace('{\n    }', "{\n        $this->middleware('auth');\n    }")), undefined);
    assert.equal(outlineClassFacts(base.replace('class A', "#[Foo]\nclass A")), undefined);
    assert.equal(outlineClassFacts(base.replace('{\n    }', '{\n        return <<<TXT\nx\nTXT;\n    }')), undefined);
    assert.equal(outlineClassFacts(`${base}\nclass B\n{\n}\n`), undefined);
  });
});
