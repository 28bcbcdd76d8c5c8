#!/usr/bin/env node
// Entry point of the `secure-logout-server` binary. Editors start it as `secure-logout-server --stdio`;
// vscode-languageserver reads the transport (--stdio, --node-ipc, --socket=N) from process.argv.
require('../dist/main.js');
