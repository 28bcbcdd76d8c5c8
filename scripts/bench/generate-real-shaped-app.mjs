// A generated Laravel 10 app shaped like the real ones the benchmark is checked against (BookStack,
// Firefly III): translation arrays for dozens of locales, migrations, large vendor-like service
// classes with docblocks, controllers that declare constructor middleware, route files of hundreds
// of routes in nested groups, a Kernel and a RouteServiceProvider — and, as measured on real apps,
// only 10–15 % of the PHP files mention a session or a logout. Deterministic.
import { controller, logoutController, migration, model, write } from './generate-laravel-app.mjs';

const LOCALES = ['ar', 'bg', 'bs', 'ca', 'cs', 'cy', 'da', 'de', 'de_informal', 'el', 'en', 'es', 'es_AR', 'et', 'eu', 'fa', 'fi', 'fr', 'he', 'hr', 'hu', 'id', 'it', 'ja', 'ka', 'ko', 'lt', 'lv', 'nb', 'nl', 'nn', 'pl', 'pt', 'pt_BR', 'ro', 'ru', 'sk', 'sl', 'sq', 'sv'];
const LANG_FILES = ['activities', 'auth', 'common', 'components', 'editor', 'entities', 'errors', 'notifications', 'pagination', 'passwords', 'preferences', 'settings', 'validation'];

function translations(file, locale) {
  const keys = file === 'settings' || file === 'entities' ? 300 : file === 'auth' ? 90 : 60;
  const lines = [];
  for (let i = 0; i < keys; i++) lines.push(`    '${file}_key_${i}' => '${locale} text for ${file} ${i}: :name has :count items',`);
  // Real auth.php translations name the logout and the session: they pass the prefilter.
  if (file === 'auth') lines.push(`    'logout' => 'Log out',`, `    'session_expired' => 'Your session has expired.',`);
  return `<?php\n/**\n * ${file} text (${locale}).\n */\nreturn [\n\n${lines.join('\n')}\n\n];\n`;
}

/** A library-like class: docblocks, typed properties, many methods, no session. */
function service(name, i) {
  const methods = [];
  for (let m = 0; m < 18; m++) {
    methods.push(`
    /**
     * Step ${m} of the ${name} pipeline.
     *
     * @param array<string, mixed> $input
     * @return array<string, mixed>
     * @throws \\InvalidArgumentException
     */
    public function step${m}(array $input, ?int $limit = null): array
    {
        $limit ??= $this->defaults['limit'] ?? ${i + m};
        $out = [];
        foreach (array_slice($input, 0, $limit, true) as $key => $value) {
            if (is_array($value)) {
                $out[$key] = $this->step${m}($value, $limit - 1);
            } elseif ($value instanceof \\DateTimeInterface) {
                $out[$key] = $value->format(DATE_ATOM);
            } else {
                $out[$key] = match (true) {
                    is_int($value) => $value * ${m + 1},
                    is_string($value) => trim(sprintf('%s-%d', $value, ${m})),
                    default => $value,
                };
            }
        }
        return $out;
    }
`);
  }
  return `<?php

declare(strict_types=1);

namespace App\\Support\\Pipeline;

use Illuminate\\Support\\Arr;
use Illuminate\\Support\\Collection;

/**
 * ${name}: transforms nested input in ${methods.length} steps.
 */
final class ${name}
{
    /** @var array<string, int> */
    private array $defaults = ['limit' => ${i + 10}];
${methods.join('')}}
`;
}

/** A resource controller with constructor middleware (as BookStack's); some flash to the session. */
function guardedController(name, i, flashes) {
  let text = controller(name, i);
  text = text.replace(/class (\w+) extends Controller\n\{/, `class $1 extends Controller
{
    public function __construct()
    {
        $this->middleware('can:manage-${i % 7}')->except(['index', 'show']);
    }
`);
  if (flashes) text = text.replace("        return response()->json(['data' => $items,", "        session()->flash('success', 'Saved ${i}');\n\n        return response()->json(['data' => $items,");
  return text;
}

/** Writes the app under `root` (about 1,300 PHP files); returns root. */
export function generateRealShapedApp(root) {
  write(root, 'artisan', '#!/usr/bin/env php\n<?php\n');
  write(root, 'composer.json', JSON.stringify({ require: { 'laravel/framework': '^10.0' }, autoload: { 'psr-4': { 'App\\': 'app/' } } }, null, 2));
  write(root, 'composer.lock', JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v10.48.4' }] }, null, 2));
  write(root, 'config/auth.php', `<?php\n\nreturn [\n    'defaults' => ['guard' => env('AUTH_GUARD', 'web')],\n    'guards' => [\n        'web' => ['driver' => 'session', 'provider' => 'users'],\n        'api' => ['driver' => 'api-token'],\n    ],\n];\n`);
  write(root, 'config/session.php', `<?php\n\nreturn [\n    'driver' => env('SESSION_DRIVER', 'file'),\n    'lifetime' => 120,\n];\n`);
  for (let i = 0; i < 18; i++) write(root, `config/setting${i}.php`, translations(`config${i}`, 'en').replace('text for', 'value for'));
  write(root, 'app/Http/Kernel.php', `<?php\n\nnamespace App\\Http;\n\nuse Illuminate\\Foundation\\Http\\Kernel as HttpKernel;\n\nclass Kernel extends HttpKernel\n{\n    protected $middlewareGroups = [\n        'web' => [\n            \\Illuminate\\Cookie\\Middleware\\EncryptCookies::class,\n            \\Illuminate\\Session\\Middleware\\StartSession::class,\n            \\Illuminate\\View\\Middleware\\ShareErrorsFromSession::class,\n            \\App\\Http\\Middleware\\VerifyCsrfToken::class,\n        ],\n        'api' => [\n            \\Illuminate\\Routing\\Middleware\\SubstituteBindings::class,\n        ],\n    ];\n\n    protected $middlewareAliases = [\n        'auth' => \\App\\Http\\Middleware\\Authenticate::class,\n        'can' => \\Illuminate\\Auth\\Middleware\\Authorize::class,\n    ];\n}\n`);
  write(root, 'app/Providers/RouteServiceProvider.php', `<?php\n\nnamespace App\\Providers;\n\nuse Illuminate\\Foundation\\Support\\Providers\\RouteServiceProvider as ServiceProvider;\nuse Illuminate\\Support\\Facades\\Route;\n\nclass RouteServiceProvider extends ServiceProvider\n{\n    public function boot(): void\n    {\n        $this->routes(function () {\n            Route::middleware('web')->group(base_path('routes/web.php'));\n            Route::prefix('api')->middleware('api')->group(base_path('routes/api.php'));\n        });\n    }\n}\n`);
  for (const locale of LOCALES) for (const file of LANG_FILES) write(root, `lang/${locale}/${file}.php`, translations(file, locale));
  for (let i = 0; i < 120; i++) write(root, `database/migrations/2020_01_01_${String(i).padStart(6, '0')}_create_table_${i}.php`, migration(i));
  for (let i = 0; i < 170; i++) write(root, `app/Support/Pipeline/Pipeline${i}.php`, service(`Pipeline${i}`, i));
  for (let i = 0; i < 150; i++) write(root, `app/Models/Entity${i}.php`, model(`Entity${i}`, i));
  for (let i = 0; i < 80; i++) write(root, `app/Jobs/Job${i}.php`, service(`Job${i}`, i).replace('namespace App\\Support\\Pipeline;', 'namespace App\\Jobs;'));
  const web = [];
  const api = [];
  for (let i = 0; i < 220; i++) {
    write(root, `app/Http/Controllers/Resource${i}Controller.php`, guardedController(`Resource${i}Controller`, i, i % 3 === 0));
    const target = `\\App\\Http\\Controllers\\Resource${i}Controller::class`;
    web.push(`        Route::get('/r${i}', [${target}, 'index']);`, `        Route::get('/r${i}/{id}', [${target}, 'show']);`, `        Route::post('/r${i}', [${target}, 'store']);`, `        Route::put('/r${i}/{id}', [${target}, 'update']);`, `        Route::delete('/r${i}/{id}', [${target}, 'destroy']);`);
    if (i % 3 === 0) api.push(`    Route::get('/r${i}', [${target}, 'index']);`, `    Route::get('/r${i}/export', [${target}, 'export']);`);
  }
  for (let i = 0; i < 6; i++) {
    write(root, `app/Http/Controllers/Auth/Session${i}Controller.php`, logoutController(i));
    web.push(`        Route::post('/logout-${i}', [\\App\\Http\\Controllers\\Auth\\Session${i}Controller::class, 'destroy']);`);
  }
  for (let i = 0; i < 10; i++) write(root, `app/Http/Middleware/Check${i}.php`, `<?php\n\nnamespace App\\Http\\Middleware;\n\nuse Closure;\nuse Illuminate\\Http\\Request;\n\nclass Check${i}\n{\n    public function handle(Request $request, Closure $next)\n    {\n        if ($request->session()->has('flag_${i}')) {\n            $request->session()->forget('flag_${i}');\n        }\n\n        return $next($request);\n    }\n}\n`);
  write(root, 'routes/web.php', `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/', fn () => view('welcome'));\n\nRoute::middleware('auth')->group(function () {\n    Route::prefix('app')->group(function () {\n${web.join('\n')}\n    });\n});\n`);
  write(root, 'routes/api.php', `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::middleware('auth:api')->group(function () {\n${api.join('\n')}\n});\n`);
  return root;
}
