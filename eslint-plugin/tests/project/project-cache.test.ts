import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LaravelProjectModel } from '../../src/project/laravel';
import { generatedApp } from './generated-app';

describe('project model: cache and incremental updates', function () {
  this.timeout(60_000);

  it('builds a generated 3,000-file app reading only routes, configs and routed controllers (its time: npm run bench)', () => {
    const { root, files } = generatedApp(1000, 1994);
    assert.ok(files >= 3000, `generated ${files} files`);
    const model = new LaravelProjectModel(root);
    const routes = model.routes.length;
    assert.equal(routes, 3000);
    // Never the models: 1000 controllers + Controller.php + 3 route files + bootstrap + configs + composer files.
    assert.ok(![...model.files.readsByPath.keys()].some((f) => f.includes(`${path.sep}Models${path.sep}`)), 'unrelated files are not read');
    assert.ok(model.files.reads <= 1012, `read ${model.files.reads} files`);
  });

  it('changing one controller re-reads only that file and reports the handler files that may change', () => {
    const { root } = generatedApp(50, 0);
    const model = new LaravelProjectModel(root);
    const file = path.join(root, 'app/Http/Controllers/Features/Feature7Controller.php');
    assert.equal(model.routesForMethod(file, 'App\\Http\\Controllers\\Features\\Feature7Controller', 'destroy')[0]!.effectiveGuard.name, 'web');
    const readsBefore = model.files.reads;
    const parsesBefore = model.files.parses;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("$this->middleware('auth')->except('index');", "$this->middleware('auth:sanctum')->only('destroy');"));

    const result = model.update(file);

    assert.equal(model.files.reads - readsBefore, 1, 'one disk read');
    assert.equal(model.files.readsByPath.get(file), 2);
    assert.equal(model.files.parses - parsesBefore, 1, 'one parse');
    assert.deepEqual(result, { affectedFiles: [file], settingsChanged: false });
    assert.equal(model.routesForMethod(file, 'App\\Http\\Controllers\\Features\\Feature7Controller', 'destroy')[0]!.effectiveGuard.name, 'sanctum');
  });

  it('unsaved text of a route file: no disk read, and every handler whose routes changed is reported', () => {
    const { root } = generatedApp(6, 0);
    const model = new LaravelProjectModel(root);
    void model.routes;
    const web = path.join(root, 'routes/web.php');
    const readsBefore = model.files.reads;
    const unsaved = fs.readFileSync(web, 'utf8').replace("Route::middleware('auth:sanctum')->group(function () {", "Route::middleware('auth:web')->group(function () {");

    const result = model.update(web, unsaved);

    assert.equal(model.files.reads, readsBefore, 'the unsaved text is used, nothing is read from disk');
    const changed = result.affectedFiles.map((f) => path.relative(root, f)).sort();
    // Controllers 0 and 3 are in the auth:sanctum groups of routes/web.php (the first half of the routes).
    assert.deepEqual(changed, ['app/Http/Controllers/Features/Feature0Controller.php', 'routes/web.php']);
  });

  it('a file the model never depended on does not trigger a rebuild', () => {
    const { root } = generatedApp(3, 3);
    const model = new LaravelProjectModel(root);
    void model.routes;
    const builds = model.builds;
    const result = model.update(path.join(root, 'app/Models/Model1.php'), '<?php // edited');
    assert.equal(model.builds, builds);
    assert.deepEqual(result.affectedFiles, [path.join(root, 'app/Models/Model1.php')]);
  });

  it('a settings change (.env session driver) is reported as project-wide', () => {
    const { root } = generatedApp(2, 0);
    const model = new LaravelProjectModel(root);
    assert.equal(model.settings.sessionDriver.value, 'database');
    const result = model.update(path.join(root, '.env'), 'SESSION_DRIVER=redis\n');
    assert.equal(result.settingsChanged, true);
    assert.equal(model.settings.sessionDriver.value, 'redis');
  });

  it('typing inside a method body (class facts unchanged) needs no rebuild', () => {
    const { root } = generatedApp(20, 0);
    const model = new LaravelProjectModel(root);
    void model.routes;
    const builds = model.builds;
    const file = path.join(root, 'app/Http/Controllers/Features/Feature3Controller.php');
    const edited = fs.readFileSync(file, 'utf8').replace("return redirect('/');", "return redirect('/bye');");
    assert.deepEqual(model.update(file, edited), { affectedFiles: [file], settingsChanged: false });
    assert.equal(model.builds, builds);
  });

  it('ensureFresh (the ESLint path) notices a controller middleware change on disk', () => {
    const { root } = generatedApp(5, 0);
    const model = new LaravelProjectModel(root);
    const file = path.join(root, 'app/Http/Controllers/Features/Feature1Controller.php');
    const before = model.routesForMethod(file, 'App\\Http\\Controllers\\Features\\Feature1Controller', 'destroy')[0]!;
    assert.equal(before.effectiveGuard.name, 'web');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("$this->middleware('auth')", "$this->middleware('auth:sanctum')"));
    model.ensureFresh(0);
    const after = model.routesForMethod(file, 'App\\Http\\Controllers\\Features\\Feature1Controller', 'destroy')[0]!;
    assert.equal(after.effectiveGuard.name, 'sanctum');
  });
});
