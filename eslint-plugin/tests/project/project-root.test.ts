import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findLaravelRoot } from '../../src/project/laravel';

describe('project model: finding the Laravel root', function () {
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });

  it('notices an app that becomes a Laravel app later in an editor session (artisan created)', function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-root-'));
    const controller = path.join(root, 'app/Http/Controllers/SessionController.php');
    fs.mkdirSync(path.dirname(controller), { recursive: true });
    assert.equal(findLaravelRoot(controller), undefined);

    fs.writeFileSync(path.join(root, 'artisan'), '#!/usr/bin/env php\n');
    // The negative answer is cached for a few seconds (lint runs ask once per file)...
    assert.equal(findLaravelRoot(controller), undefined);
    // ...and checked again after that.
    Date.now = () => realNow() + 11_000;
    assert.equal(findLaravelRoot(controller), root);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
