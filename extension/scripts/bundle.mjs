// Bundles the VS Code client and the language server into one CommonJS file each, so the .vsix
// ships without node_modules (`vsce package --no-dependencies`) and starts fast: one file read
// per process instead of hundreds of module resolutions.
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(extensionDir);
const production = !process.argv.includes('--dev');

/** Options shared by both bundles: Node 20 is what VS Code 1.100's extension host runs. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `vscode` is provided by the extension host at run time and never exists on disk.
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Prefer the CommonJS entry of dual packages: their ESM builds use top-level `import.meta`.
  mainFields: ['main', 'module'],
  metafile: true,
  plugins: [
    {
      // Optional modules the server never needs get a stub that says so, so the bundle has no
      // unresolved require(): ESLint loads `jiti` only to read an eslint.config.ts (the server runs
      // the bundled recommended config), TypeScript tries `source-map-support` inside a try/catch.
      name: 'stub-unused-optional-modules',
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^(jiti|source-map-support)(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'unused-optional' }));
        pluginBuild.onLoad({ filter: /.*/, namespace: 'unused-optional' }, (args) => ({
          contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled with the secure-logout server`)});`,
          loader: 'js',
        }));
      },
    },
    {
      // Bundle the ESLint plugin from its TypeScript sources, so packaging never picks up a stale or
      // missing eslint-plugin/dist from an earlier `tsc -b`.
      name: 'secure-logout-plugin-from-source',
      setup(pluginBuild) {
        // `/project` (the Laravel project model the language server updates) and `/node` (the JS
        // project facts behind hovers) must be the same module instances the rules use, so they
        // come from the same sources.
        const entries = {
          'eslint-plugin-secure-logout': ['index.ts'],
          'eslint-plugin-secure-logout/project': ['project', 'laravel', 'index.ts'],
          'eslint-plugin-secure-logout/node': ['analysis', 'node', 'explain.ts'],
          'eslint-plugin-secure-logout/messages': ['util', 'messages.ts'],
          'eslint-plugin-secure-logout/file-admission': ['project', 'file-admission.ts'],
        };
        pluginBuild.onResolve({ filter: /^eslint-plugin-secure-logout(\/(project|node|messages|file-admission))?$/ }, (args) => ({
          path: join(repoDir, 'eslint-plugin', 'src', ...entries[args.path]),
        }));
      },
    },
  ],
};

// SECURE_LOGOUT_SERVER_ENTRY bundles another server (a stand-in while developing the client).
const serverEntry = process.env.SECURE_LOGOUT_SERVER_ENTRY ?? join(repoDir, 'server', 'src', 'main.ts');
if (!existsSync(serverEntry)) {
  console.error(`bundle: the language server entry ${relative(process.cwd(), serverEntry)} does not exist`);
  process.exit(1);
}

const targets = [
  { entryPoints: [join(extensionDir, 'src', 'extension.ts')], outfile: join(extensionDir, 'dist', 'extension.js') },
  { entryPoints: [serverEntry], outfile: join(extensionDir, 'dist', 'server.js') },
];

for (const target of targets) {
  await build({ ...common, ...target });
  const size = statSync(target.outfile).size;
  console.log(`bundle: ${relative(repoDir, target.outfile)} ${(size / 1024).toFixed(0)} KiB`);
}
