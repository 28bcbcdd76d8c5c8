// The status item names a file whose check runs past its budget while it runs, and after it (issue
// 15, point 2: in code-server the item said "running" through a frozen check). status.ts needs the
// `vscode` module; this test gives it the few parts it uses.
import { strict as assert } from 'node:assert';
import Module = require('node:module');
import type { StatusBar as StatusBarType } from '../src/status';
import type { StatusParams } from '../src/protocol';

const WORKSPACE = 'file:///work/app/';

class FakeItem {
  text = '';
  tooltip = '';
  backgroundColor: { id: string } | undefined;
  shown = false;
  name = '';
  command = '';
  show(): void {
    this.shown = true;
  }
  hide(): void {
    this.shown = false;
  }
  dispose(): void {}
}

const items: FakeItem[] = [];
const vscodeStub = {
  StatusBarAlignment: { Left: 1, Right: 2 },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  Uri: { parse: (value: string) => ({ value }) },
  window: {
    activeTextEditor: { document: { languageId: 'php' } },
    createStatusBarItem: () => {
      const item = new FakeItem();
      items.push(item);
      return item;
    },
    onDidChangeActiveTextEditor: () => ({ dispose() {} }),
  },
  workspace: { asRelativePath: (uri: { value: string }) => (uri.value.startsWith(WORKSPACE) ? uri.value.slice(WORKSPACE.length) : uri.value) },
};

/**
 * Loads status.ts with the stub standing in for `vscode` (only while it loads); the client library
 * (protocol.ts's NotificationType) needs VS Code too, and the protocol package has the same class.
 */
function loadStatusBar(): typeof StatusBarType {
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return vscodeStub;
    if (request === 'vscode-languageclient/node') return original.call(this, 'vscode-languageserver-protocol/node', ...rest);
    return original.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load while the stub is in place
    return (require('../src/status') as { StatusBar: typeof StatusBarType }).StatusBar;
  } finally {
    loader._load = original;
  }
}

describe('extension: the status item names a file over its budget', function () {
  const StatusBar = loadStatusBar();
  const file = `${WORKSPACE}app/Http/Controllers/Generated%20Controller.php`;

  function render(...statuses: StatusParams[]): FakeItem {
    const bar = new StatusBar('secure-logout.showOutput');
    bar.setClientState('running');
    for (const status of statuses) bar.setServerStatus(status);
    return items[items.length - 1]!;
  }

  it('while the check runs past its budget: the file in the text and the tooltip, on a warning background', function () {
    const item = render({ state: 'validating', uri: file, message: 'still checking /work/app/app/Http/Controllers/Generated Controller.php after 2000 ms (budget 2000 ms); other requests are answered meanwhile' });
    assert.equal(item.text, '$(loading~spin) Secure Logout: still checking Generated Controller.php');
    assert.match(item.tooltip, /^app\/Http\/Controllers\/Generated%20Controller\.php: still checking .* after 2000 ms/);
    assert.equal(item.backgroundColor?.id, 'statusBarItem.warningBackground');
  });

  it('a check stopped at the hard limit: the file and the reason', function () {
    const item = render({ state: 'error', uri: file, lastValidationMs: 30_000, message: 'the check did not finish within 30 s and was stopped' });
    assert.match(item.tooltip, /^Last check failed \(app\/Http\/Controllers\/Generated%20Controller\.php\): the check did not finish within 30 s and was stopped$/m);
    assert.equal(item.backgroundColor?.id, 'statusBarItem.warningBackground');
  });

  it('a file declined at the size cap: named after its check, which is then the last one', function () {
    const item = render({ state: 'ok', uri: file, lastValidationMs: 310, message: 'secure-logout did not analyse this file, so its logouts are unchecked. Reason: file is larger than 2000000 bytes.' });
    assert.equal(item.text, '$(shield) Secure Logout: 310 ms');
    assert.match(item.tooltip, /^app\/Http\/Controllers\/Generated%20Controller\.php: secure-logout did not analyse this file/m);
    assert.equal(item.backgroundColor?.id, 'statusBarItem.warningBackground');
  });

  it('an ordinary check: no warning', function () {
    const item = render({ state: 'ok', uri: `${WORKSPACE}app/Http/Controllers/SessionController.php`, lastValidationMs: 42 });
    assert.equal(item.text, '$(shield) Secure Logout: 42 ms');
    assert.equal(item.backgroundColor, undefined);
  });
});
