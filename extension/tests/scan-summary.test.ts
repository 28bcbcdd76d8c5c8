// The scan's explainable silence as the extension words it (output channel, one-line message,
// status item): routes not analysed and files not read, each with its reason, for any language.
import { strict as assert } from 'node:assert';
import { summarizeScan } from '../src/scan-summary';

const folder = '/work/app';
const base = { filesChecked: 40, filesWithFindings: 2, findings: 3, skipped: [], cancelled: false, durationMs: 812 };

describe('extension: workspace-scan summary', function () {
  it('says nothing was left out when the scan read and analysed everything', function () {
    const summary = summarizeScan(base, [folder]);
    assert.equal(summary.headline, 'scan: 3 findings in 40 files');
    assert.equal(summary.hasSilence, false);
    assert.deepEqual(summary.details, ['scan: 3 findings in 40 files (812 ms)']);
  });

  it('lists PHP and JS routes not analysed and files not read, with the reason and who skipped them', function () {
    const summary = summarizeScan(
      {
        ...base,
        findings: 1,
        skipped: [{ path: `${folder}/routes/host.php`, reason: 'symlink out of the workspace folder (to /etc/hostname)' }],
        refused: [{ path: '/work/outside.php', reason: 'outside the project root' }],
        notAnalysed: [
          { path: `${folder}/routes/web.php`, line: 8, target: 'Vendor\\Sso\\LogoutController@logout', reason: 'vendor code this analysis does not model' },
          { path: `${folder}/src/app.js`, line: 12, target: 'sso.logout', reason: 'imported from the installed package sso' },
        ],
      },
      [folder],
    );
    assert.equal(summary.headline, 'scan: 1 finding in 40 files, 2 routes not analysed, 2 files not read');
    assert.equal(summary.hasSilence, true);
    assert.deepEqual(summary.details, [
      'scan: 1 finding in 40 files, 2 routes not analysed, 2 files not read (812 ms)',
      'Not analysed (no finding there does not mean the logout is safe):',
      '  routes/web.php:8 Vendor\\Sso\\LogoutController@logout: vendor code this analysis does not model',
      '  src/app.js:12 sso.logout: imported from the installed package sso',
      'Not read:',
      '  routes/host.php: symlink out of the workspace folder (to /etc/hostname) (scan)',
      '  /work/outside.php: outside the project root (project model)',
    ]);
  });

  it('names the folder of each path in a multi-root workspace, and says when the scan was cancelled', function () {
    const summary = summarizeScan({ ...base, cancelled: true, skipped: [{ path: '/work/api/big.js', reason: 'oversized (2000000 bytes > 1000000)' }] }, [folder, '/work/api']);
    assert.equal(summary.headline, 'scan (cancelled): 3 findings in 40 files, 1 file not read');
    assert.equal(summary.details[2], '  api/big.js: oversized (2000000 bytes > 1000000) (scan)');
  });
});
