// Entry point of `secure-logout-server`. createConnection() picks the transport from the command
// line (--stdio, --node-ipc, --socket=<port>), as every LSP client expects.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
