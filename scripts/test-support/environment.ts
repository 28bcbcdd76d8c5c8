/**
 * What the machine offers to tests that need more than Node: each probe answers once per run and
 * never throws, so a test can hand its answer to `requireOrSkip` (./requirements.ts).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '../..');

/** The shared acceptance suite beside the checkout (`../shared/acceptance/cases`); CI has it, a user's clone does not. */
export const SHARED_ACCEPTANCE_CASES = path.resolve(REPOSITORY, '../shared/acceptance/cases');

export const sharedAcceptance = {
  need: 'the shared acceptance suite (../shared/acceptance beside the checkout)',
  enable: 'check out the shared suite next to this repository as ../shared',
  present: (): boolean => fs.existsSync(SHARED_ACCEPTANCE_CASES),
};

let laravelKernel: boolean | undefined;

/** PHP with pdo_sqlite and mbstring, and Debian's Laravel framework: what the runtime oracle boots. */
export const phpLaravel = {
  need: 'PHP 8 with Laravel (php-cli, php-sqlite3, php-mbstring, php-laravel-framework)',
  enable: 'apt-get install -y php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework',
  present(): boolean {
    laravelKernel ??= fs.existsSync('/usr/share/php/Illuminate/autoload.php') && succeeds('php', ['-r', 'exit(extension_loaded("pdo_sqlite") && extension_loaded("mbstring") ? 0 : 1);']);
    return laravelKernel;
  },
};

let nvim: string | null | undefined;

/** Neovim's version ("0.7.2"), or undefined when `nvim` is not on PATH. */
export function neovimVersion(): string | undefined {
  if (nvim === undefined) {
    try {
      nvim = /NVIM v(\d+\.\d+\.\d+)/.exec(execFileSync('nvim', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1] ?? null;
    } catch {
      nvim = null;
    }
  }
  return nvim ?? undefined;
}

export const neovim = {
  need: 'Neovim 0.7 or later (nvim)',
  enable: 'apt-get install -y neovim',
  present: (): boolean => neovimVersion() !== undefined,
};

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const chromium = {
  need: 'Chromium (/usr/bin/chromium) and the code-server build tools',
  enable: 'bash scripts/e2e/install-code-server.sh --apt',
  present: (): boolean => fs.existsSync(CHROMIUM_PATH),
};

function succeeds(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
