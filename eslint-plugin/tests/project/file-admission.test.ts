import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isInside } from '../../src/project/file-admission';

describe('isInside: a prefix test on normalized absolute paths', () => {
  const cases: [string, string, boolean][] = [
    ['/app', '/app', true],
    ['/app/routes/web.php', '/app', true],
    ['/app/a/b/c.php', '/app/a', true],
    ['/application/x.php', '/app', false],
    ['/app2', '/app', false],
    ['/ap', '/app', false],
    ['/', '/app', false],
    ['/etc/passwd', '/app', false],
    ['/app', '/app/routes', false],
    ['/app/..x/file.php', '/app', true],
    ['/anything/at/all', '/', true],
    ['/', '/', true],
  ];

  for (const [file, root, inside] of cases) {
    it(`${file} in ${root}: ${inside}`, () => {
      assert.equal(isInside(file, root), inside);
      // The same answer as the path.relative definition it replaces.
      const rel = path.posix.relative(root, file);
      assert.equal(rel === '' || (rel !== '..' && !rel.startsWith('../') && !path.posix.isAbsolute(rel)), inside);
    });
  }
});
