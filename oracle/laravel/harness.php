<?php

/*
 * Laravel runtime oracle. One PHP process = one HTTP request through a freshly booted Application
 * (as under PHP-FPM; a feature test that reuses one app across requests hides the stale-user bug).
 *
 *   php harness.php setup   < {"db": "/tmp/x.sqlite"}
 *   php harness.php request < {"project": dir, "db": file, "method", "uri", "cookies", "headers", "body"}
 *   php harness.php inspect < {"db": file}
 *   php harness.php shared-app  (JSON lines: one reused Application, feature-test style; contrast only)
 *
 * Prints one JSON object on stdout. Framework: Debian's php-laravel-framework (8.83).
 */

require '/usr/share/php/Illuminate/autoload.php';

spl_autoload_register(function ($class) {
    $roots = [
        'Oracle\\Laravel\\' => __DIR__.'/src/',
        'Laravel\\Sanctum\\' => __DIR__.'/src/SanctumStandIn/',
    ];
    $project = getenv('ORACLE_PROJECT');
    if ($project) {
        $roots['App\\'] = $project.'/app/';
    }
    foreach ($roots as $prefix => $dir) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $dir.str_replace('\\', '/', substr($class, strlen($prefix))).'.php';
            if (is_file($file)) {
                require $file;

                return;
            }
        }
    }
    // Scenario projects carry only controllers and routes; their User model is the oracle's.
    if ($class === 'App\\Models\\User') {
        class_alias(\Oracle\Laravel\OracleUser::class, 'App\\Models\\User');
    }
});

const ORACLE_LOGIN_KEY = 'login_web_'; // + sha1(SessionGuard::class), as SessionGuard::getName()

function oracle_input(): array
{
    $input = json_decode(stream_get_contents(STDIN), true);
    if (! is_array($input)) {
        fwrite(STDERR, "expected a JSON object on stdin\n");
        exit(2);
    }

    return $input;
}

function oracle_pdo(string $db): PDO
{
    $pdo = new PDO('sqlite:'.$db);
    $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);

    return $pdo;
}

/** Tables as Laravel's default migrations create them; one user (password "password") and one token. */
function oracle_setup(array $input): array
{
    $pdo = oracle_pdo($input['db']);
    $pdo->exec('CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR NOT NULL,
        email VARCHAR NOT NULL UNIQUE, password VARCHAR NOT NULL, remember_token VARCHAR NULL,
        created_at DATETIME NULL, updated_at DATETIME NULL)');
    $pdo->exec('CREATE TABLE sessions (id VARCHAR NOT NULL PRIMARY KEY, user_id INTEGER NULL,
        ip_address VARCHAR NULL, user_agent TEXT NULL, payload TEXT NOT NULL, last_activity INTEGER NOT NULL)');
    $pdo->exec('CREATE INDEX sessions_user_id_index ON sessions (user_id)');
    $pdo->exec('CREATE TABLE personal_access_tokens (id INTEGER PRIMARY KEY AUTOINCREMENT,
        tokenable_type VARCHAR NOT NULL, tokenable_id INTEGER NOT NULL, name VARCHAR NOT NULL,
        token VARCHAR(64) NOT NULL UNIQUE, abilities TEXT NULL, last_used_at DATETIME NULL,
        created_at DATETIME NULL, updated_at DATETIME NULL)');
    $pdo->prepare('INSERT INTO users (id, name, email, password) VALUES (1, ?, ?, ?)')
        ->execute(['Oracle User', 'user@example.com', password_hash('password', PASSWORD_BCRYPT, ['cost' => 4])]);
    $pdo->prepare('INSERT INTO personal_access_tokens (id, tokenable_type, tokenable_id, name, token)
        VALUES (1, ?, 1, ?, ?)')->execute(['App\\Models\\User', 'oracle', hash('sha256', 'oracle-secret')]);

    return ['user' => ['email' => 'user@example.com', 'password' => 'password'], 'bearerToken' => '1|oracle-secret'];
}

function oracle_inspect(array $input): array
{
    $pdo = oracle_pdo($input['db']);
    $sessions = [];
    foreach ($pdo->query('SELECT id, user_id, payload, last_activity FROM sessions ORDER BY rowid') as $row) {
        $payload = unserialize(base64_decode($row['payload']));
        $keys = is_array($payload) ? array_keys($payload) : [];
        $loginKeys = array_values(array_filter($keys, function ($key) {
            return strpos($key, ORACLE_LOGIN_KEY) === 0;
        }));
        $sessions[] = [
            'id' => $row['id'],
            'userId' => $row['user_id'] === null ? null : (int) $row['user_id'],
            'loggedIn' => count($loginKeys) > 0,
            'hasCsrfToken' => is_array($payload) && isset($payload['_token']),
            'keys' => $keys,
            'lastActivity' => (int) $row['last_activity'],
        ];
    }
    $tokens = [];
    foreach ($pdo->query('SELECT id FROM personal_access_tokens ORDER BY id') as $row) {
        $tokens[] = (int) $row['id'];
    }

    return ['sessions' => $sessions, 'tokenIds' => $tokens];
}

/** A new Application, as PHP-FPM has for every request. */
function oracle_new_app(array $input): Illuminate\Foundation\Application
{
    putenv('ORACLE_DB='.$input['db']);
    putenv('ORACLE_PROJECT='.$input['project']);
    // Behave like a web SAPI (Application::runningInConsole() reads this).
    putenv('APP_RUNNING_IN_CONSOLE=false');
    $_ENV['APP_RUNNING_IN_CONSOLE'] = $_SERVER['APP_RUNNING_IN_CONSOLE'] = 'false';

    $app = new Illuminate\Foundation\Application($input['project']);
    $app->singleton(Illuminate\Contracts\Http\Kernel::class, Oracle\Laravel\OracleHttpKernel::class);
    $app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, Oracle\Laravel\OracleExceptionHandler::class);

    return $app;
}

function oracle_handle(Illuminate\Foundation\Application $app, array $input): array
{
    Oracle\Laravel\OracleExceptionHandler::$lastException = null;
    $server = ['REMOTE_ADDR' => '127.0.0.1', 'HTTP_HOST' => 'localhost', 'HTTP_USER_AGENT' => 'secure-logout-oracle',
        'HTTP_ACCEPT' => 'application/json'];
    foreach ($input['headers'] ?? [] as $name => $value) {
        $server['HTTP_'.strtoupper(str_replace('-', '_', $name))] = $value;
    }
    $request = Illuminate\Http\Request::create(
        $input['uri'], $input['method'], $input['body'] ?? [], $input['cookies'] ?? [], [], $server
    );
    $kernel = $app->make(Illuminate\Contracts\Http\Kernel::class);
    $response = $kernel->handle($request);

    $cookieName = $app['config']->get('session.cookie');
    $cookies = [];
    foreach ($response->headers->getCookies() as $cookie) {
        $cookies[] = [
            'name' => $cookie->getName(),
            'value' => (string) $cookie->getValue(),
            'cleared' => $cookie->isCleared() || $cookie->getValue() === null || $cookie->getValue() === '',
        ];
    }
    $content = $response->getContent();
    $result = [
        'status' => $response->getStatusCode(),
        'exception' => $response->headers->get('X-Oracle-Exception'),
        'cookies' => $cookies,
        // EncryptCookies decrypted the request's cookies in place: this is the id the client sent.
        'sessionIdIn' => $request->cookies->get($cookieName),
        'sessionIdOut' => $app->bound('session.store') ? $app['session.store']->getId() : null,
        'body' => json_decode($content, true) ?? $content,
    ];
    $kernel->terminate($request, $response);
    if (getenv('ORACLE_DEBUG') && Oracle\Laravel\OracleExceptionHandler::$lastException) {
        fwrite(STDERR, (string) Oracle\Laravel\OracleExceptionHandler::$lastException);
    }

    return $result;
}


function oracle_request(array $input): array
{
    return oracle_handle(oracle_new_app($input), $input);
}

/**
 * Feature-test style, for contrast only: ONE Application handles every request read from stdin (one
 * JSON object per line, one JSON line out), as Laravel's MakesHttpRequests does. Guard instances and
 * the `auth.driver` singleton survive from one request to the next.
 */
function oracle_shared_app(array $first): void
{
    $app = oracle_new_app($first);
    $input = $first;
    while (true) {
        echo json_encode(oracle_handle($app, $input), JSON_UNESCAPED_SLASHES), "\n";
        $line = fgets(STDIN);
        if ($line === false || trim($line) === '') {
            return;
        }
        $input = json_decode($line, true);
    }
}

$command = $argv[1] ?? '';
if ($command === 'shared-app') {
    $first = json_decode(fgets(STDIN), true);
    oracle_shared_app($first);
    exit(0);
}
$handlers = ['setup' => 'oracle_setup', 'request' => 'oracle_request', 'inspect' => 'oracle_inspect'];
if (! isset($handlers[$command])) {
    fwrite(STDERR, "usage: php harness.php setup|request|inspect < input.json\n");
    exit(2);
}
echo json_encode($handlers[$command](oracle_input()), JSON_UNESCAPED_SLASHES), "\n";
