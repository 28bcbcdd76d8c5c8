import { assertMarkedApp } from '../support/marked-app';
import { routeFile } from './laravel-app';

/**
 * A logout judged along the call path from the routed handler, across classes and files
 * (SPEC §2.3). Each app marks its expected findings with `// expect: rule` comments.
 */
const php = (namespace: string, uses: string[], body: string) => `<?php\n\nnamespace ${namespace};\n\n${uses.map((u) => `use ${u};\n`).join('')}\n${body.trim()}\n`;
const REQUEST = 'Illuminate\\Http\\Request';
const AUTH = 'Illuminate\\Support\\Facades\\Auth';

function controller(name: string, body: string, uses: string[] = []): string {
  return php('App\\Http\\Controllers', [REQUEST, AUTH, ...uses], `class ${name} extends Controller\n{\n${body}\n}`);
}

function service(name: string, body: string, uses: string[] = [], kind = 'class'): string {
  return php('App\\Services', [REQUEST, AUTH, ...uses], `${kind} ${name}\n{\n${body}\n}`);
}

const logoutRoute = (middleware = 'auth', controllerName = 'SessionController', method = 'destroy') =>
  routeFile(`Route::post('/logout', [${controllerName}::class, '${method}'])->middleware('${middleware}');`, [controllerName]);

describe('call paths across files (SPEC §2.3)', function () {
  this.timeout(60_000);

  it('a service that logs out and invalidates is clean for the controller that calls it', async function () {
    await assertMarkedApp({
      'routes/web.php': logoutRoute(),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function __construct(private \\App\\Services\\Logout $logout)\n    {\n    }\n\n    public function destroy(Request $request)\n    {\n        $this->logout->end($request);\n\n        return redirect('/');\n    }`,
      ),
      'app/Services/Logout.php': service(
        'Logout',
        `    public function end(Request $request): void\n    {\n        Auth::guard('web')->logout();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n    }`,
      ),
    });
  });

  it("a helper's logout completed by every caller is clean; one incomplete caller is a finding at the helper", async function () {
    const files = {
      'routes/web.php': routeFile(
        `Route::post('/logout', [SessionController::class, 'destroy'])->middleware('auth');\nRoute::post('/account/close', [AccountController::class, 'close'])->middleware('auth');`,
        ['SessionController', 'AccountController'],
      ),
      'app/Http/Controllers/SessionController.php': controller(
        'SessionController',
        `    public function destroy(Request $request, Signer $signer)\n    {\n        $signer->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Http/Controllers/AccountController.php': controller(
        'AccountController',
        `    public function close(Request $request)\n    {\n        app(Signer::class)->signOut();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout(); // expect: invalidate-session\n    }`),
    };
    await assertMarkedApp(files);
    // Both callers complete it: clean.
    await assertMarkedApp({
      ...files,
      'app/Http/Controllers/AccountController.php': controller(
        'AccountController',
        `    public function close(Request $request)\n    {\n        resolve(Signer::class)->signOut();\n        $request->session()->invalidate();\n        $request->session()->regenerateToken();\n\n        return redirect('/');\n    }`,
        ['App\\Services\\Signer'],
      ),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout();\n    }`),
    });
  });

  it('a helper nobody calls is judged on its own body', async function () {
    await assertMarkedApp({
      'routes/web.php': routeFile(''),
      'app/Services/Signer.php': service('Signer', `    public function signOut(): void\n    {\n        Auth::guard('web')->logout(); // expect: invalidate-session\n    }`),
    });
  });
});
