'use strict';
// Runs one Express scenario in its own process (node serve.js <projectDir>) on 127.0.0.1 with an
// ephemeral port, printed as {"port": n} on stdout. A handler that crashes the process (e.g.
// req.session.destroy() outside passport's logout callback) kills only this process, and the test
// observes the exit. /__oracle/sessions dumps the scenario's express-session store (its server-side
// rows), outside the app so the linted source stays a plain app.
const http = require('node:http');
const path = require('node:path');

const { app, store } = require(path.join(path.resolve(process.argv[2]), 'src', 'app.js'));

// Store writes take STORE_WRITE_LATENCY_MS, as with any networked store (Redis, a database): a
// handler that responds before passport's logout callback has finished is then observably early.
// Reads stay immediate. Correct handlers wait for their callbacks and are unaffected.
// /__oracle/settled answers once no write is pending (a write started from a write's callback, like
// passport's regenerate after its save, counts before the first one is done).
const STORE_WRITE_LATENCY_MS = 150;
let pendingWrites = 0;
let settledWaiters = [];
function notifyIfSettled() {
  setImmediate(() => {
    if (pendingWrites !== 0) return;
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const waiter of waiters) waiter();
  });
}
for (const method of ['set', 'destroy']) {
  const original = store[method].bind(store);
  store[method] = (...args) => {
    pendingWrites++;
    // session.destroy() without a callback calls store.destroy(id, undefined): keep the values only.
    const callback = args.find((arg) => typeof arg === 'function');
    args = args.filter((arg) => arg !== undefined && arg !== callback);
    setTimeout(() => {
      original(...args, (...results) => {
        try {
          if (callback) callback(...results);
        } finally {
          pendingWrites--;
          notifyIfSettled();
        }
      });
    }, STORE_WRITE_LATENCY_MS);
  };
}

const server = http.createServer((req, res) => {
  if (req.url === '/__oracle/settled') {
    settledWaiters.push(() => res.end('settled'));
    notifyIfSettled();
    return;
  }
  if (req.url === '/__oracle/sessions') {
    store.all((err, sessions) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(err ? { error: String(err) } : sessions));
    });
    return;
  }
  app(req, res);
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
