// Restricted Mode: which settings an untrusted workspace may not set. VS Code enforces the
// manifest's list for every `getConfiguration().get()`; the client answers the server's
// workspace/configuration requests through that same reader (client.ts `workspace.configuration`).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[]; description?: string } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('extension manifest: workspace trust', function () {
  it('supports untrusted workspaces in a limited way, ignoring the workspace include/exclude globs', function () {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, ['secureLogout.include', 'secureLogout.exclude']);
    assert.match(trust.description ?? '', /include.*exclude/);
  });

  it('restricts only settings the extension contributes', function () {
    for (const setting of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) {
      assert.ok(manifest.contributes.configuration.properties[setting], `${setting} is contributed`);
    }
  });

});
