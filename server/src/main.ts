// Entry point of `secure-logout-server`, and of its lint worker: the same file runs as a worker
// thread (one file for the bundled server too). Each thread loads only its own half: the LSP
// thread never loads ESLint or the plugin, and starts the worker first so both load at once.
// createConnection() picks the transport from the command line (--stdio, --node-ipc,
// --socket=<port>), as every LSP client expects.
/* eslint-disable @typescript-eslint/no-require-imports -- one thread's modules are not loaded in the other */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const lintWorker = (require('./lint-worker-thread') as typeof import('./lint-worker-thread')).startLintWorker(__filename);
  const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const { startServer } = require('./server') as typeof import('./server');
  startServer(createConnection(ProposedFeatures.all), { workerScript: __filename, lintWorker });
} else {
  (require('./lint-worker') as typeof import('./lint-worker')).runLintWorker();
}
