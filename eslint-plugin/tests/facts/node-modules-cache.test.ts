import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moduleAt } from '../../src/project/node/modules';

describe('JS facts: parsed-module cache', function () {
  it('keeps unchanged modules, and forgets the least recently used beyond 500', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-modules-'));
    const files = Array.from({ length: 501 }, (_, i) => path.join(dir, `m${i}.js`));
    for (const file of files) fs.writeFileSync(file, `module.exports = ${files.indexOf(file)};\n`);

    const first = moduleAt(files[0]!, dir);
    const second = moduleAt(files[1]!, dir);
    assert.equal(moduleAt(files[0]!, dir), first, 'an unchanged module is not parsed again');
    for (const file of files.slice(2)) moduleAt(file, dir);
    // 501 modules for 500 places: files[0] was used after files[1], so files[1] is the one that went.
    assert.equal(moduleAt(files[0]!, dir), first, 'recently used, still cached');
    assert.notEqual(moduleAt(files[1]!, dir), second, 'least recently used, evicted and parsed again');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
