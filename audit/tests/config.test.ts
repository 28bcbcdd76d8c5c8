/** Which table the audit reads for a Laravel app: .env, config/*.php, framework defaults, --database URLs. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeConnection, maskUrl, parseDatabaseUrl } from '../src/connection';
import { readSessionStoreConfig } from '../src/laravel-config';
import { laravelProject, tempDir } from './support/sample';

/** config/database.php and config/session.php as the Laravel 11 skeleton ships them (abridged). */
const DATABASE_PHP = `<?php

use Illuminate\\Support\\Str;

return [
    'default' => env('DB_CONNECTION', 'sqlite'),
    'connections' => [
        'sqlite' => [
            'driver' => 'sqlite',
            'url' => env('DB_URL'),
            'database' => env('DB_DATABASE', database_path('database.sqlite')),
            'prefix' => '',
        ],
        'mysql' => [
            'driver' => 'mysql',
            'url' => env('DB_URL'),
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'laravel'),
            'username' => env('DB_USERNAME', 'root'),
            'password' => env('DB_PASSWORD', ''),
            'unix_socket' => env('DB_SOCKET', ''),
            'prefix' => 'app_',
        ],
        'pgsql' => [
            'driver' => 'pgsql',
            'url' => env('DB_URL'),
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '5432'),
            'database' => env('DB_DATABASE', 'laravel'),
            'username' => env('DB_USERNAME', 'root'),
            'password' => env('DB_PASSWORD', ''),
            'prefix' => '',
        ],
        'sessions' => [
            'driver' => 'pgsql',
            'host' => 'sessions.internal',
            'database' => 'sessions',
            'username' => 'reader',
            'password' => env('SESSIONS_DB_PASSWORD'),
        ],
    ],
];
`;

const SESSION_PHP = `<?php

use Illuminate\\Support\\Str;

return [
    'driver' => env('SESSION_DRIVER', 'database'),
    'lifetime' => (int) env('SESSION_LIFETIME', 120),
    'encrypt' => env('SESSION_ENCRYPT', false),
    'connection' => env('SESSION_CONNECTION'),
    'table' => env('SESSION_TABLE', 'sessions'),
    'cookie' => env('SESSION_COOKIE', Str::slug(env('APP_NAME', 'laravel'), '_').'_session'),
];
`;

describe('reading the session store from a Laravel app', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('config');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses the skeleton defaults: sqlite at database/database.sqlite, table sessions, 120 minutes', () => {
    laravelProject(dir, { APP_KEY: 'base64:abc' }, { 'database.php': DATABASE_PHP, 'session.php': SESSION_PHP });
    const config = readSessionStoreConfig(dir, {});
    assert.deepEqual(config.connection, { driver: 'sqlite', file: path.join(dir, 'database', 'database.sqlite') });
    assert.equal(config.table, 'sessions');
    assert.equal(config.lifetimeMinutes, 120);
    assert.equal(config.encrypt, false);
    assert.equal(config.appKey, 'base64:abc');
  });

  it('follows DB_CONNECTION to MySQL, with the connection prefix on the table and a quoted password', () => {
    laravelProject(
      dir,
      { DB_CONNECTION: 'mysql', DB_HOST: 'db', DB_PORT: '3307', DB_DATABASE: 'shop', DB_USERNAME: 'shop', DB_PASSWORD: '"p#ss word"', SESSION_TABLE: 'web_sessions', SESSION_LIFETIME: '30', SESSION_ENCRYPT: 'true' },
      { 'database.php': DATABASE_PHP, 'session.php': SESSION_PHP },
    );
    const config = readSessionStoreConfig(dir, {});
    assert.deepEqual(config.connection, { driver: 'mysql', host: 'db', port: 3307, database: 'shop', user: 'shop', password: 'p#ss word' });
    assert.equal(config.table, 'app_web_sessions');
    assert.equal(config.lifetimeMinutes, 30);
    assert.equal(config.encrypt, true);
    assert.equal(describeConnection(config.connection), 'mysql://shop:****@db:3307/shop');
  });

  it('uses SESSION_CONNECTION over the default connection, and real environment variables over .env', () => {
    laravelProject(dir, { SESSION_CONNECTION: 'sessions', SESSIONS_DB_PASSWORD: 'from-dotenv' }, { 'database.php': DATABASE_PHP, 'session.php': SESSION_PHP });
    const config = readSessionStoreConfig(dir, { SESSIONS_DB_PASSWORD: 'from-environment' });
    assert.equal(config.connectionName, 'sessions');
    assert.deepEqual(config.connection, { driver: 'pgsql', host: 'sessions.internal', port: undefined, database: 'sessions', user: 'reader', password: 'from-environment' });
  });

  it('lets DB_URL win over the separate keys, as ConfigurationUrlParser does', () => {
    laravelProject(dir, { DB_CONNECTION: 'pgsql', DB_URL: 'postgres://app:secret@10.0.0.5:6543/prod', DB_HOST: 'ignored' }, { 'database.php': DATABASE_PHP });
    const config = readSessionStoreConfig(dir, {});
    assert.deepEqual(config.connection, { driver: 'pgsql', host: '10.0.0.5', port: 6543, database: 'prod', user: 'app', password: 'secret' });
  });

  it('falls back to the framework defaults when the app has no config files', () => {
    laravelProject(dir, { DB_CONNECTION: 'pgsql', DB_DATABASE: 'app', DB_USERNAME: 'u' });
    const config = readSessionStoreConfig(dir, {});
    assert.deepEqual(config.connection, { driver: 'pgsql', host: '127.0.0.1', port: 5432, database: 'app', user: 'u', password: '' });
    assert.equal(config.driver, 'database');
  });

  it('names a config file it could not read and uses the defaults for it: a syntax error, a parse php-parser never finishes', () => {
    laravelProject(dir, { DB_CONNECTION: 'pgsql', DB_DATABASE: 'app' }, { 'database.php': "<?php\nreturn ['default' => ;\n", 'session.php': '<?php\nreturn [\n#[\n' });
    const started = performance.now();
    const config = readSessionStoreConfig(dir, {});
    assert.ok(performance.now() - started < 5_000, `${Math.round(performance.now() - started)} ms`);
    assert.deepEqual(config.warnings, [
      'config/session.php could not be read (parsing did not finish within 2 s): the framework defaults stand in for it',
      "config/database.php could not be read (Parse Error : syntax error, unexpected ';' on line 2): the framework defaults stand in for it",
    ]);
    assert.equal(config.driver, 'database');
    assert.equal(config.table, 'sessions');
    assert.deepEqual(config.connection, { driver: 'pgsql', host: '127.0.0.1', port: 5432, database: 'app', user: 'root', password: '' });
  });

  it('reads no FIFO, device or huge file: a FIFO config/session.php, .env linked to /dev/zero, a 2 MB config/app.php are named, not read', function () {
    if (process.platform === 'win32') this.skip(); // FIFOs and /dev/zero are POSIX shapes
    laravelProject(dir, {}, { 'app.php': `<?php\nreturn [${"'k' => 'v',\n".repeat(200_000)}];\n` });
    execFileSync('mkfifo', [path.join(dir, 'config/session.php')]);
    fs.rmSync(path.join(dir, '.env'));
    fs.symlinkSync('/dev/zero', path.join(dir, '.env'));
    const started = performance.now();
    const config = readSessionStoreConfig(dir, { DB_CONNECTION: 'sqlite' });
    assert.ok(performance.now() - started < 1_000, `${Math.round(performance.now() - started)} ms`);
    assert.deepEqual(config.warnings, [
      '.env could not be read (not a regular file): only the real environment variables are used',
      'config/session.php could not be read (not a regular file): the framework defaults stand in for it',
      'config/app.php could not be read (larger than 1000000 bytes): the framework defaults stand in for it',
    ]);
    assert.equal(config.table, 'sessions');
  });

  it('reads a valid config file without a warning', () => {
    laravelProject(dir, {}, { 'session.php': SESSION_PHP, 'database.php': DATABASE_PHP });
    assert.deepEqual(readSessionStoreConfig(dir, {}).warnings, []);
  });

  it('names the connection when it is missing or unsupported', () => {
    laravelProject(dir, { DB_CONNECTION: 'oracle' }, { 'database.php': DATABASE_PHP });
    assert.throws(() => readSessionStoreConfig(dir, {}), /the session connection "oracle" is not in config\/database.php/);
  });
});

describe('--database URLs', () => {
  it('parses sqlite:, postgres:// and mysql:// with percent-encoded credentials', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:db.sqlite', '/srv/app'), { driver: 'sqlite', file: '/srv/app/db.sqlite' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/db.sqlite'), { driver: 'sqlite', file: '/var/db.sqlite' });
    assert.deepEqual(parseDatabaseUrl('postgresql://a%40b:p%2Fw@h:1/d'), { driver: 'pgsql', host: 'h', port: 1, database: 'd', user: 'a@b', password: 'p/w' });
    assert.equal(parseDatabaseUrl('mariadb://root@localhost/app').driver, 'mysql');
  });

  it('masks passwords in anything it prints', () => {
    assert.equal(maskUrl('cannot reach mysql://root:hunter2@db/app now'), 'cannot reach mysql://root:****@db/app now');
    assert.throws(() => parseDatabaseUrl('redis://:hunter2@h/0'), /unsupported database scheme "redis:"/);
    assert.throws(() => parseDatabaseUrl('postgres://u:hunter2@h'), (error: Error) => !error.message.includes('hunter2') && /names no database/.test(error.message));
  });
});
