// Entry point of `secure-logout-server`, and of its lint worker: the same file runs as a worker
// thread (one file for the bundled server too). createConnection() picks the transport from the
// command line (--stdio, --node-ipc, --socket=<port>), as every LSP client expects.
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runLintWorker } from './lint-worker';
import { startServer } from './server';

if (isMainThread) startServer(createConnection(ProposedFeatures.all), { workerScript: __filename });
else runLintWorker();
