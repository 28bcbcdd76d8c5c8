// Generates a deterministic, realistic-looking Laravel 11 app for benchmarks: controllers, models,
// form requests, policies, migrations, jobs — most with no session code at all, as in real apps —
// plus a few auth controllers with logout handlers and the usual route and config files.
import fs from 'node:fs';
import path from 'node:path';

const RESOURCES = ['Invoice', 'Customer', 'Order', 'Product', 'Shipment', 'Ticket', 'Project', 'Task', 'Comment', 'Report'];

export function write(root, file, text) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

export function controller(name, i, suffix = '') {
  const model = RESOURCES[i % RESOURCES.length];
  const methods = ['index', 'show', 'store', 'update', 'destroy', 'export']
    .map(
      (m) => `
    public function ${m}${suffix}(Request $request${m === 'index' || m === 'store' ? '' : `, ${model} $${model.toLowerCase()}`})
    {
        $this->authorize('${m}', ${model}::class);
        $query = ${model}::query()
            ->where('team_id', $request->user()->team_id)
            ->when($request->filled('q'), fn ($q) => $q->where('name', 'like', '%'.$request->input('q').'%'))
            ->orderByDesc('created_at');

        $items = $query->paginate($request->integer('per_page', 25));
        foreach ($items as $item) {
            $item->setAttribute('label', sprintf('%s #%d', '${model}', $item->id));
        }

        return response()->json(['data' => $items, 'meta' => ['generated' => now()->toIso8601String()]]);
    }
`,
    )
    .join('');
  return `<?php

namespace App\\Http\\Controllers;

use App\\Models\\${model};
use Illuminate\\Http\\Request;

class ${name} extends Controller
{${methods}}
`;
}

export function model(name, i) {
  return `<?php

namespace App\\Models;

use Illuminate\\Database\\Eloquent\\Factories\\HasFactory;
use Illuminate\\Database\\Eloquent\\Model;
use Illuminate\\Database\\Eloquent\\Relations\\BelongsTo;

class ${name} extends Model
{
    use HasFactory;

    protected $fillable = ['name', 'team_id', 'status', 'amount', 'due_at'];

    protected function casts(): array
    {
        return ['due_at' => 'datetime', 'amount' => 'decimal:2'];
    }

    public function team(): BelongsTo
    {
        return $this->belongsTo(Team::class);
    }

    public function scopeOpen($query)
    {
        return $query->where('status', '!=', 'closed')->where('amount', '>', ${i});
    }
}
`;
}

export function migration(i) {
  return `<?php

use Illuminate\\Database\\Migrations\\Migration;
use Illuminate\\Database\\Schema\\Blueprint;
use Illuminate\\Support\\Facades\\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create('table_${i}', function (Blueprint $table) {
            $table->id();
            $table->foreignId('team_id')->constrained();
            $table->string('name');
            $table->string('status')->default('open');
            $table->decimal('amount', 10, 2)->default(0);
            $table->timestamp('due_at')->nullable();
            $table->timestamps();
        });
    }

    public function down(): void
    {
        Schema::dropIfExists('table_${i}');
    }
};
`;
}

export function logoutController(i) {
  const bodies = [
    `Auth::guard('web')->logout();\n\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();`,
    `Auth::guard('web')->logout();`,
    `Auth::guard('web')->logout();\n        $request->session()->flush();\n        $request->session()->regenerate();`,
  ];
  return `<?php

namespace App\\Http\\Controllers\\Auth;

use App\\Http\\Controllers\\Controller;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class Session${i}Controller extends Controller
{
    public function store(Request $request)
    {
        $request->authenticate();
        $request->session()->regenerate();

        return redirect()->intended('/dashboard');
    }

    public function destroy(Request $request)
    {
        ${bodies[i % bodies.length]}

        return redirect('/');
    }
}
`;
}

/** Writes the app; returns its root. `files` is the approximate number of PHP files. */
export function generateLaravelApp(root, files = 3000) {
  fs.rmSync(root, { recursive: true, force: true });
  write(root, 'artisan', '#!/usr/bin/env php\n<?php\n');
  write(root, 'composer.json', JSON.stringify({ require: { 'laravel/framework': '^11.0', 'laravel/sanctum': '^4.0' }, autoload: { 'psr-4': { 'App\\': 'app/' } } }, null, 2));
  write(root, 'composer.lock', JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v11.31.0' }, { name: 'laravel/sanctum', version: 'v4.0.3' }] }, null, 2));
  write(root, 'config/auth.php', `<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => ['web' => ['driver' => 'session', 'provider' => 'users']],\n];\n`);
  write(root, 'config/session.php', `<?php\n\nreturn [\n    'driver' => env('SESSION_DRIVER', 'database'),\n];\n`);
  write(root, 'bootstrap/app.php', `<?php\n\nuse Illuminate\\Foundation\\Application;\n\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(web: __DIR__.'/../routes/web.php', api: __DIR__.'/../routes/api.php')\n    ->withMiddleware(function ($middleware) {\n        $middleware->statefulApi();\n    })->create();\n`);
  const perKind = Math.floor(files / 4);
  const routeLines = [];
  for (let i = 0; i < perKind; i++) {
    write(root, `app/Http/Controllers/Resource${i}Controller.php`, controller(`Resource${i}Controller`, i));
    write(root, `app/Models/Entity${i}.php`, model(`Entity${i}`, i));
    write(root, `database/migrations/2024_01_01_${String(i).padStart(6, '0')}_create_table_${i}.php`, migration(i));
    write(root, `app/Policies/Entity${i}Policy.php`, model(`Entity${i}Policy`, i).replace('extends Model', ''));
    routeLines.push(`Route::apiResource('resource-${i}', \\App\\Http\\Controllers\\Resource${i}Controller::class);`);
  }
  const logouts = Math.max(3, Math.floor(files / 300));
  for (let i = 0; i < logouts; i++) {
    write(root, `app/Http/Controllers/Auth/Session${i}Controller.php`, logoutController(i));
    routeLines.push(`Route::post('/logout-${i}', [\\App\\Http\\Controllers\\Auth\\Session${i}Controller::class, 'destroy'])->middleware('auth');`);
  }
  write(root, 'routes/web.php', `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n${routeLines.filter((l) => l.includes('logout')).join('\n')}\n`);
  write(root, 'routes/api.php', `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::middleware('auth:sanctum')->group(function () {\n    ${routeLines.filter((l) => !l.includes('logout')).join('\n    ')}\n});\n`);
  return root;
}

/** A ~30 KB controller with a logout among many ordinary actions, for editor latency. */
export function bigController(kb = 30) {
  let text = logoutController(1).replace(/\n}\n$/, '\n');
  let i = 0;
  while (text.length < kb * 1024) {
    text += controller(`X${i}`, i, String(i)).split('class X')[1].replace(/^[^{]*\{/, '').replace(/}\n$/, '');
    i++;
  }
  return `${text}}\n`;
}
