import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../../../src/index');
import { fixtureFile } from '../../support/js-rule-tester';

/**
 * `req['session'] = null` is a session-unset site (facts/node/sites.ts reads the member through
 * `propertyName`), and so are `req['session'] = undefined` and `delete req['session']`. A file
 * whose only session end is written so, with no `logout` word anywhere (the route is /signout),
 * gets the finding the `req.session` form gets: the analysis's word gate (RELEVANT_TEXT) and the
 * standalone config's prefilter must both let it through.
 */
const FILE = fixtureFile('session-bracket-unset', 'src/app.js');
const BRACKET = fs.readFileSync(FILE, 'utf8');

type Seen = { line: number; column: number; rule: string | null; messageId: string | undefined; message: string; fixes: (string | undefined)[] };

async function lint(code: string, config: Linter.Config[]): Promise<Seen[]> {
  const eslint = new ESLint({ cwd: fixtureFile('session-bracket-unset', ''), overrideConfigFile: true, overrideConfig: config as never });
  const [result] = await eslint.lintText(code, { filePath: FILE });
  return result!.messages.map((m) => ({
    line: m.line,
    column: m.column,
    rule: m.ruleId,
    messageId: m.messageId,
    message: m.message,
    fixes: (m.suggestions ?? []).map((s) => (s.fix ? code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]) : undefined)),
  }));
}

describe('a session ended through a bracket member', function () {
  this.timeout(60_000);

  it('the fixture names no logout word, and its only session end is the bracket form', function () {
    assert.doesNotMatch(BRACKET, /log_?out|\.session\b|accessTokens/i);
    assert.match(BRACKET, /^ {2}req\['session'\] = null;$/m);
  });

  for (const [name, config] of [
    ['configs.recommended', plugin.configs.recommended],
    ["configs['recommended-standalone'] (prefilter on)", plugin.configs['recommended-standalone']],
  ] as const) {
    for (const [bracket, dotted] of [
      ["req['session'] = null", 'req.session = null'],
      ['req["session"] = undefined', 'req.session = undefined'],
      ["delete req['session']", 'delete req.session'],
    ]) {
      it(`${name}: \`${bracket}\` gets the finding \`${dotted}\` gets`, async function () {
        const withBracket = await lint(BRACKET.replace("req['session'] = null", bracket), config);
        const withDot = await lint(BRACKET.replace("req['session'] = null", dotted), config);
        assert.equal(withDot.length, 1, JSON.stringify(withDot));
        assert.deepEqual([withDot[0]!.line, withDot[0]!.rule, withDot[0]!.messageId], [9, 'secure-logout/invalidate-session', 'jsSessionUnsetKeeps']);
        // The message quotes the source as written; the suggested fix is the same text.
        assert.deepEqual(
          withBracket.map((m) => ({ ...m, message: m.message.replace(`\`${bracket}\``, `\`${dotted}\``) })),
          withDot,
        );
      });
    }
  }
});
