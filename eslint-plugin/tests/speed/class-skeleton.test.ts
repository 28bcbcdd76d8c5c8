import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classSkeleton, withOriginalOffsets } from '../../src/facts/laravel/class-skeleton';
import { extractClassFacts } from '../../src/facts/laravel/middleware-controller';
import { defaultPhpParseOptions, parsePhp } from '../../src/languages/php/parse-php';
import { SHARED_ACCEPTANCE_CASES, sharedAcceptance } from '../../../scripts/test-support/environment';

const ROOT = path.resolve(__dirname, '../../..');

const CONTROLLER = `<?php

namespace App\\Http\\Controllers;

class AccountController extends Controller
{
    public function __construct()
    {
        $this->middleware('auth:sanctum')->only(['destroy']); // "}" in a comment
    }

    public function destroy(Request $request)
    {
        if ($request->has('x')) { $y = "{$request->x}"; }
        Auth::logout();
        return redirect('/');
    }

    abstract protected function label(): string;

    #[Middleware('can:admin')]
    public function admin() { return fn () => ['a' => '}']; }
}
`;

function facts(text: string, file: string): string {
  return digest(extractClassFacts(parsePhp(text, file, { ...defaultPhpParseOptions, prefilter: false }), file));
}

/** The facts as the project model takes them from a skeleton: offsets mapped back to the whole file. */
function skeletonFacts(text: string, file: string): string {
  const skeleton = classSkeleton(text)!;
  return digest(withOriginalOffsets(extractClassFacts(parsePhp(skeleton.text, `${file} (skeleton)`, { ...defaultPhpParseOptions, prefilter: false }), file), skeleton));
}

function digest(found: ReturnType<typeof extractClassFacts>): string {
  return JSON.stringify(found.map((f) => ({ ...f, methods: [...f.methods].sort() })));
}

function phpFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) phpFiles(full, out);
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out;
}

describe('class skeleton (project model: class files with middleware)', function () {
  it('drops every method body but the constructor, keeping lines and mapping offsets back', function () {
    const skeleton = classSkeleton(CONTROLLER)!;
    assert.ok(skeleton.text.length < CONTROLLER.length * 0.8);
    assert.equal(skeleton.text.split('\n').length, CONTROLLER.split('\n').length);
    assert.ok(skeleton.text.includes("$this->middleware('auth:sanctum')->only(['destroy']);"));
    assert.ok(!skeleton.text.includes('Auth::logout()') && !skeleton.text.includes("'a' => '}'"));
    assert.ok(skeleton.text.includes("#[Middleware('can:admin')]"));
    const literal = skeleton.text.indexOf("'can:admin'");
    assert.equal(skeleton.originalOffset(literal), CONTROLLER.indexOf("'can:admin'"));
    assert.equal(skeletonFacts(CONTROLLER, 'a.php'), facts(CONTROLLER, 'a.php'));
    assert.match(skeletonFacts(CONTROLLER, 'a.php'), /"literal":\{"start":\d+/);
  });

  it('declines text it cannot cut safely', function () {
    assert.equal(classSkeleton(CONTROLLER.replace("$y = \"{$request->x}\";", '$y = <<<EOT\n}\nEOT;')), undefined);
    assert.equal(classSkeleton(CONTROLLER.replace('Auth::logout();', "Auth::logout(); $s = 'unterminated")), undefined);
  });

  it('gives the same class facts as the whole file for every class of the fixtures and acceptance cases', function () {
    const dirs = [path.join(ROOT, 'test-fixtures'), path.join(ROOT, 'eslint-plugin/tests')];
    if (sharedAcceptance.present()) dirs.push(SHARED_ACCEPTANCE_CASES);
    let compared = 0;
    for (const file of dirs.flatMap((d) => phpFiles(d))) {
      const text = fs.readFileSync(file, 'utf8');
      if (classSkeleton(text) === undefined || !/\b(class|trait)\s/.test(text)) continue;
      assert.equal(skeletonFacts(text, file), facts(text, file), file);
      compared++;
    }
    // A fresh clone has no ../shared: the repository's own fixtures alone hold 25 class files.
    assert.ok(compared >= (sharedAcceptance.present() ? 50 : 20), `only ${compared} class files compared`);
  });
});
