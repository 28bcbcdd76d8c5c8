import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What makes a folder a Laravel 11 app with one `web` session guard; tests add routes, controllers and services. */
export const LARAVEL_SKELETON: Readonly<Record<string, string>> = {
  artisan: '',
  'composer.json': JSON.stringify({ require: { 'laravel/framework': '^11.0' }, autoload: { 'psr-4': { 'App\\': 'app/' } } }),
  'config/auth.php': "<?php\n\nreturn [\n    'defaults' => ['guard' => 'web'],\n    'guards' => ['web' => ['driver' => 'session', 'provider' => 'users']],\n];\n",
};

/** Writes `files` (relative path → text) into a new temporary folder and returns it. */
export function writeProject(files: Record<string, string>, prefix = 'secure-logout-app-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
