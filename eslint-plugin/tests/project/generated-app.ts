import { laravelApp, routeFile } from './laravel-app';

/** A generated app: `controllers` routed controllers and `others` unrelated PHP files (models, services). */
export function generatedApp(controllers: number, others: number): { root: string; files: number } {
  const files: Record<string, string> = {};
  const routes: string[] = [];
  for (let i = 0; i < controllers; i++) {
    const name = `Feature${i}Controller`;
    files[`app/Http/Controllers/Features/${name}.php`] = `<?php

namespace App\\Http\\Controllers\\Features;

use App\\Http\\Controllers\\Controller;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;

class ${name} extends Controller
{
    public function __construct()
    {
        $this->middleware('auth')->except('index');
    }

    public function index(Request $request)
    {
        return view('features.${i}.index', ['items' => $request->user()?->items ?? []]);
    }

    public function store(Request $request)
    {
        $request->validate(['name' => 'required|string|max:255']);

        return redirect()->back();
    }

    public function destroy(Request $request)
    {
        Auth::guard('web')->logout();
        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return redirect('/');
    }
}
`;
    const group = i % 3 === 0 ? "Route::middleware('auth:sanctum')->group(function () {" : i % 3 === 1 ? "Route::group(['middleware' => ['auth', 'verified'], 'prefix' => 'f'], function () {" : 'Route::prefix(\'p\')->group(function () {';
    routes.push(`${group}\n    Route::get('/f${i}', [Features\\${name}::class, 'index']);\n    Route::post('/f${i}', [Features\\${name}::class, 'store']);\n    Route::delete('/f${i}', [Features\\${name}::class, 'destroy']);\n});`);
  }
  for (let i = 0; i < others; i++) {
    files[`app/Models/Model${i}.php`] = `<?php\n\nnamespace App\\Models;\n\nuse Illuminate\\Database\\Eloquent\\Model;\n\nclass Model${i} extends Model\n{\n    protected $fillable = ['name'];\n}\n`;
  }
  const half = Math.ceil(routes.length / 2);
  files['routes/web.php'] = `${routeFile(routes.slice(0, half).join('\n'))}\nrequire __DIR__.'/more.php';\n`.replace("use Illuminate", 'use App\\Http\\Controllers\\Features;\nuse Illuminate');
  files['routes/more.php'] = routeFile(routes.slice(half).join('\n')).replace("use Illuminate", 'use App\\Http\\Controllers\\Features;\nuse Illuminate');
  files['routes/api.php'] = routeFile('');
  const root = laravelApp(files);
  return { root, files: Object.keys(files).length + 6 };
}

