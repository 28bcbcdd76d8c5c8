import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Writes a small Laravel application into a temporary directory. `files` overrides or adds
 * files to a Laravel 11 skeleton (bootstrap/app.php with withRouting, config/auth.php with a
 * `web` session guard, database session driver, laravel/framework 11.9.2).
 */
const created: string[] = [];
// The apps live in the temp directory only for this test process.
process.once('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

export function laravelApp(files: Record<string, string>, options: { framework?: string | null } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-logout-app-'));
  created.push(root);
  const framework = options.framework === undefined ? 'v11.9.2' : options.framework;
  const skeleton: Record<string, string> = {
    'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11.0' }, autoload: { 'psr-4': { 'App\\': 'app/' } } }, null, 2),
    ...(framework ? { 'composer.lock': JSON.stringify({ packages: [{ name: 'laravel/framework', version: framework }, { name: 'laravel/sanctum', version: 'v4.0.2' }] }, null, 2) } : {}),
    'config/auth.php': authConfig({ web: 'session' }),
    'config/session.php': "<?php\n\nreturn [\n    'driver' => env('SESSION_DRIVER', 'database'),\n];\n",
    'bootstrap/app.php': bootstrap({ api: true }),
    'app/Http/Controllers/Controller.php': '<?php\n\nnamespace App\\Http\\Controllers;\n\nabstract class Controller\n{\n}\n',
  };
  for (const [rel, text] of Object.entries({ ...skeleton, ...files })) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export function authConfig(guards: Record<string, string>, defaultGuard = "env('AUTH_GUARD', 'web')"): string {
  const entries = Object.entries(guards)
    .map(([name, driver]) => `        '${name}' => [\n            'driver' => '${driver}',\n            'provider' => 'users',\n        ],`)
    .join('\n');
  return `<?php\n\nreturn [\n    'defaults' => [\n        'guard' => ${defaultGuard},\n    ],\n    'guards' => [\n${entries}\n    ],\n];\n`;
}

/** bootstrap/app.php of Laravel 11+; `middleware` is the body of the withMiddleware callback. */
export function bootstrap(options: { api?: boolean; middleware?: string } = {}): string {
  return `<?php

use Illuminate\\Foundation\\Application;
use Illuminate\\Foundation\\Configuration\\Exceptions;
use Illuminate\\Foundation\\Configuration\\Middleware;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        web: __DIR__.'/../routes/web.php',
${options.api ? "        api: __DIR__.'/../routes/api.php',\n" : ''}        health: '/up',
    )
    ->withMiddleware(function (Middleware $middleware) {
        ${options.middleware ?? '//'}
    })
    ->withExceptions(function (Exceptions $exceptions) {
        //
    })->create();
`;
}

/** A route file: `use` lines for the given controllers, then the body. */
export function routeFile(body: string, controllers: string[] = []): string {
  return `<?php\n\n${controllers.map((c) => `use App\\Http\\Controllers\\${c};\n`).join('')}use Illuminate\\Support\\Facades\\Route;\n\n${body.trim()}\n`;
}

/** A controller in App\Http\Controllers with empty action methods (`members` adds anything else). */
export function controller(name: string, methods: string[], members = '', header = ''): string {
  const body = methods.map((m) => `    public function ${m}()\n    {\n    }\n`).join('\n');
  return `<?php\n\nnamespace App\\Http\\Controllers;\n\n${header}class ${name} extends Controller\n{\n${members}${body}}\n`;
}

/** 1-based line of the first line containing `needle` in `text`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`${needle} not found`);
}
