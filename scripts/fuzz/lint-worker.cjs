// Lints fuzz inputs in a worker thread, so the driver can time each one and terminate a worker
// stuck in a synchronous loop. Uses the built plugin (npm run build) with configs.recommended.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { Linter } = require('eslint');
const plugin = require(workerData.pluginPath);

const linters = new Map();

parentPort.on('message', ({ id, text, root, filePath }) => {
  let linter = linters.get(root);
  if (!linter) linters.set(root, (linter = new Linter({ cwd: root })));
  const started = performance.now();
  try {
    const messages = linter.verify(text, plugin.configs.recommended, { filename: filePath });
    const ms = performance.now() - started;
    parentPort.postMessage({
      id,
      ms,
      messages: messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, fatal: m.fatal === true, line: m.line, message: m.message })),
      rss: process.memoryUsage().rss,
    });
  } catch (error) {
    parentPort.postMessage({ id, ms: performance.now() - started, error: String((error && error.stack) || error) });
  }
});
