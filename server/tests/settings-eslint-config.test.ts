import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { settingsInEslintConfig } from '../src/settings-eslint-config';
import { projectSettingsFor } from '../src/settings-source';

/** settings['secure-logout'] read from a workspace ESLint config's text, never by running it (SPEC §5). */
describe("settings['secure-logout'] from the workspace ESLint config's text", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const read = (config: string, file = 'app/Http/Controllers/X.php') => settingsInEslintConfig(config, path.join(dir, file));

  it('a literal block, its line, and the plugins entry of the same name is not taken for settings', () => {
    const config = write('eslint.config.mjs', `import secureLogout from 'eslint-plugin-secure-logout';

export default [
  ...secureLogout.configs.recommended,
  { plugins: { 'secure-logout': secureLogout } },
  {
    settings: {
      react: { version: 'detect' },
      'secure-logout': { guards: { admin: 'cas' }, sessionDrivers: [\`cas\`], logoutHelpers: [{ name: 'App\\\\Support\\\\Auth::signOut', completes: false }] },
    },
  },
];
`);
    assert.deepEqual(read(config), { kind: 'read', line: 9, value: { guards: { admin: 'cas' }, sessionDrivers: ['cas'], logoutHelpers: [{ name: 'App\\Support\\Auth::signOut', completes: false }] } });
  });

  it('blocks apply by their files / ignores globs and merge in order as ESLint merges settings (objects deeply, arrays replaced)', () => {
    const config = write('eslint.config.js', `const shared = { guards: { admin: 'cas' }, sessionDrivers: ['cas'] };
module.exports = [
  { settings: { 'secure-logout': shared } },
  { files: ['app/Admin/**/*.php'], settings: { 'secure-logout': { guards: { staff: 'session' }, sessionDrivers: ['sso'] } } },
  { files: ['**/*.js'], settings: { 'secure-logout': { tokenDrivers: ['firebase'] } } },
  { files: ['app/**'], ignores: ['app/Admin/Legacy/**'], settings: { 'secure-logout': { logoutHelpers: [] } } },
];
`);
    assert.deepEqual(read(config), { kind: 'read', line: 6, value: { guards: { admin: 'cas' }, sessionDrivers: ['cas'], logoutHelpers: [] } });
    assert.deepEqual(read(config, 'app/Admin/Session.php'), { kind: 'read', line: 6, value: { guards: { admin: 'cas', staff: 'session' }, sessionDrivers: ['sso'], logoutHelpers: [] } });
    assert.deepEqual(read(config, 'app/Admin/Legacy/Session.php'), { kind: 'read', line: 4, value: { guards: { admin: 'cas', staff: 'session' }, sessionDrivers: ['sso'] } });
    assert.deepEqual(read(config, 'routes/web.php'), { kind: 'read', line: 3, value: { guards: { admin: 'cas' }, sessionDrivers: ['cas'] } });
  });

  it('a spread of a constant in the settings object is followed; the last one that sets the key wins', () => {
    const config = write('eslint.config.js', `const shared = { react: {}, 'secure-logout': { tokenDrivers: ['firebase'] } };
const local = { ...shared, 'secure-logout': { sessionDrivers: ['cas'] } };
module.exports = [{ settings: { ...shared } }, { files: ['routes/**'], settings: local }];
`);
    // Overwritten in the only block that spreads it: still accounted for, not "assembled by code".
    assert.deepEqual(read(write('eslint.config.cjs', "const base = { 'secure-logout': { tokenDrivers: ['a'] } };\nmodule.exports = [{ settings: { ...base, 'secure-logout': { tokenDrivers: ['b'] } } }];\n")), { kind: 'read', line: 2, value: { tokenDrivers: ['b'] } });
    assert.deepEqual(read(config), { kind: 'read', line: 1, value: { tokenDrivers: ['firebase'] } });
    assert.deepEqual(read(config, 'routes/web.php'), { kind: 'read', line: 2, value: { tokenDrivers: ['firebase'], sessionDrivers: ['cas'] } });
  });

  it('a TypeScript config with satisfies / as is read too; a config without the key declares nothing', () => {
    const config = write('eslint.config.ts', `import type { Linter } from 'eslint';
export default [{ settings: { 'secure-logout': { tokenDrivers: ['firebase'] } as const } }] satisfies Linter.Config[];
`);
    assert.deepEqual(read(config), { kind: 'read', line: 2, value: { tokenDrivers: ['firebase'] } });
    assert.deepEqual(read(write('eslint.config.cjs', "module.exports = [{ settings: { react: {} } }];\n")), { kind: 'read', value: undefined });
  });

  it('values the text does not spell out are unreadable, with the line', () => {
    const cases: [string, RegExp][] = [
      ["module.exports = [{ settings: { 'secure-logout': { guards: loadGuards() } } }];\n", /^eslint\.config\.js:1: settings\['secure-logout'\] is computed/],
      ["const base = require('./base');\nmodule.exports = [{ settings: { ...base.settings } }];\n", /^eslint\.config\.js:2: the settings object spreads a value built by code/],
      ["module.exports = [{ settings: makeSettings() }];\n", /^eslint\.config\.js:1: the settings are built by code/],
      ["const part = { 'secure-logout': { sessionDrivers: ['cas'] } };\nmodule.exports = [{ settings: Object.assign({}, part) }];\n", /^eslint\.config\.js:2: the settings are built by code/],
      ["const extra = { 'secure-logout': {} };\nmodule.exports = [{ rules: {} }];\n", /^eslint\.config\.js:1: settings\['secure-logout'\] is assembled by code/],
      ["module.exports = [{ files: FILES, settings: { 'secure-logout': {} } }];\n", /^eslint\.config\.js:1: the block's "files" is not a list of glob strings/],
      ['module.exports = [{ settings: {', /^eslint\.config\.js could not be parsed/],
    ];
    for (const [text, reason] of cases) {
      const result = read(write('eslint.config.js', text));
      assert.equal(result.kind, 'unreadable', text);
      assert.match((result as { reason: string }).reason, reason, text);
      fs.rmSync(path.join(dir, 'eslint.config.js'));
    }
  });

  it("the README's settings example, verbatim, is read without running it", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### Settings: what your files do not say')))?.[1];
    assert.ok(example, 'README shows the example');
    const result = read(write('eslint.config.js', example));
    assert.equal(result.kind, 'read');
    assert.deepEqual((result as { value: unknown }).value, {
      guards: { 'admin-api': 'passport' },
      sessionDrivers: ['cas'],
      tokenDrivers: ['firebase'],
      logoutHelpers: [
        { name: 'App\\Support\\AuthGateway::signOut', completes: false },
        { name: 'Acme\\Sessions\\SessionKiller::endFor', completes: true },
      ],
    });
  });

  it('a config too large, not a regular file or nested too deeply to read is named, never read or parsed forever', () => {
    const large = write('eslint.config.js', `module.exports = [];\n${'// padding\n'.repeat(100_000)}`);
    assert.deepEqual(read(large), { kind: 'unreadable', reason: 'eslint.config.js is over 1 MB' });
    fs.rmSync(large);
    fs.symlinkSync('/dev/zero', path.join(dir, 'eslint.config.cjs'));
    assert.deepEqual(read(path.join(dir, 'eslint.config.cjs')), { kind: 'unreadable', reason: 'eslint.config.cjs is not a regular file' });
    const deep = write('eslint.config.mjs', `export default [{ settings: { 'secure-logout': { guards: ${'['.repeat(20_000)}${']'.repeat(20_000)} } } }];\n`);
    const result = read(deep);
    assert.equal(result.kind, 'unreadable');
    assert.match((result as { reason: string }).reason, /^eslint\.config\.mjs (could not be parsed \(Maximum call stack size exceeded\)|is nested too deeply to read)$/);
  });

  it('JSON legacy configs: package.json eslintConfig and .eslintrc.json; YAML is named as not read', () => {
    assert.deepEqual(read(write('package.json', JSON.stringify({ eslintConfig: { plugins: ['secure-logout'], settings: { 'secure-logout': { sessionDrivers: ['cas'] } } } }))), { kind: 'read', value: { sessionDrivers: ['cas'] } });
    assert.deepEqual(read(write('.eslintrc.json', JSON.stringify({ settings: { 'secure-logout': { tokenDrivers: ['jwt2'] } } }))), { kind: 'read', value: { tokenDrivers: ['jwt2'] } });
    assert.deepEqual(read(write('.eslintrc.yml', 'settings: {}\n')), { kind: 'unreadable', reason: '.eslintrc.yml is not read (only JSON legacy configs are)' });
  });

  it('one source: the config that runs secure-logout wins over projectSettings; without one, projectSettings apply', () => {
    const own = { sessionDrivers: ['sso'] };
    const file = path.join(dir, 'app/X.php');
    assert.deepEqual(projectSettingsFor(file, dir, own), { value: own, origin: 'secureLogout.projectSettings' });
    assert.deepEqual(projectSettingsFor(file, dir, undefined), { value: undefined, origin: undefined });
    write('eslint.config.js', "const secureLogout = require('eslint-plugin-secure-logout');\nmodule.exports = [...secureLogout.configs.recommended, { settings: { 'secure-logout': { sessionDrivers: ['cas'] } } }];\n");
    const fromConfig = projectSettingsFor(file, dir, own);
    assert.deepEqual([fromConfig.value, fromConfig.origin], [{ sessionDrivers: ['cas'] }, 'eslint.config.js:2']);
    assert.match(fromConfig.note ?? '', /^secureLogout\.projectSettings is ignored for files under eslint\.config\.js/);
    // A config that does not run secure-logout is not ours to read.
    write('eslint.config.js', "module.exports = [{ settings: { 'secure-logout': { sessionDrivers: ['cas'] } } }];\n");
    assert.deepEqual(projectSettingsFor(file, dir, own), { value: own, origin: 'secureLogout.projectSettings' });
  });
});
