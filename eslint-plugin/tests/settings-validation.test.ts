import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin = require('../src/index');
import { readSettings } from '../src/settings';

/**
 * A wrong `settings['secure-logout']` is a configuration error with a message that names the key
 * and what it must be (README "Settings"), like ESLint's own for bad rule options; never a crash
 * inside the analysis and never silently ignored.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-settings-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

async function lint(settings: unknown, rules?: Linter.RulesRecord): Promise<Linter.LintMessage[]> {
  const config: Linter.Config[] = [...(plugin.configs.recommended as Linter.Config[]), { settings: { 'secure-logout': settings }, ...(rules ? { rules } : {}) }];
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintText("<?php\nAuth::logout();\n", { filePath: path.join(dir, 'logout.php') });
  return result!.messages;
}

describe("settings['secure-logout'] validation", function () {
  this.timeout(30_000);

  const rejects = async (settings: unknown, problem: string) =>
    assert.rejects(lint(settings), (error: Error) => {
      assert.match(error.message, /Invalid settings\['secure-logout'\]: /);
      assert.ok(error.message.includes(problem), error.message);
      return true;
    });

  it('valid settings lint as usual', async function () {
    const settings = { guards: { 'admin-api': 'passport' }, sessionDrivers: ['cas'], tokenDrivers: ['firebase'], logoutHelpers: [{ name: 'App\\Support\\Auth::signOut', completes: false }] };
    assert.deepEqual(await lint(settings), []);
  });

  it('names the wrong key and what it must be', async function () {
    await rejects({ guards: { 'admin-api': 3 } }, '"guards.admin-api" must be a driver name (a non-empty string such as "passport"), got 3');
    await rejects({ guards: ['passport'] }, '"guards" must map guard names to driver names');
    await rejects({ tokenDrivers: 'firebase' }, '"tokenDrivers" must be an array of driver names, got "firebase"');
    await rejects({ sessionDrivers: ['cas'], tokenDrivers: ['cas'] }, 'driver "cas" is listed in both "sessionDrivers" and "tokenDrivers"');
    await rejects({ logoutHelper: [] }, 'unknown key "logoutHelper" (known keys: guards, sessionDrivers, tokenDrivers, logoutHelpers)');
    await rejects({ logoutHelpers: ['signOut'] }, '"logoutHelpers[0]" must be an object { name, completes }, got "signOut"');
    await rejects({ logoutHelpers: [{ name: 'signOut' }] }, '"logoutHelpers[0].completes" must be true');
    await rejects({ logoutHelpers: [{ name: '', completes: true }] }, '"logoutHelpers[0].name" must be a function or method name');
    await rejects('web', 'must be an object, got "web"');
  });

  it('rules take no options: ESLint rejects them with its own schema error', async function () {
    await assert.rejects(lint(undefined, { 'secure-logout/logout-guard': ['error', { guards: {} }] }), /Key "secure-logout\/logout-guard":\s*Value \[\{"guards":\{\}\}\] should NOT have more than 0 items/);
  });

  it('equal settings give equal cache keys, different ones different keys', function () {
    const a = readSettings({ settings: { 'secure-logout': { tokenDrivers: ['b', 'a'], guards: { x: 'passport' } } } });
    const b = readSettings({ settings: { 'secure-logout': { guards: { x: 'passport' }, tokenDrivers: ['a', 'b'] } } });
    const c = readSettings({ settings: { 'secure-logout': { guards: { x: 'session' }, tokenDrivers: ['a', 'b'] } } });
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, c.key);
    assert.equal(readSettings({ settings: {} }).key, readSettings({}).key);
  });
});
