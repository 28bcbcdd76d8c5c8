import * as assert from 'node:assert/strict';
import type { CheckRequest, ContextChange } from '../src/analysis';
import { BufferTexts, withoutHeldText } from '../src/buffer-texts';
import type { WorkerRequest } from '../src/lint-worker';

const uri = 'file:///ws/routes/big.js';
const buffer = (text: string | undefined): ContextChange => ({ kind: 'js-buffer', filePath: '/ws/routes/big.js', root: '/ws', uri, ...(text !== undefined ? { text } : {}) });
const check = (text: string): Extract<WorkerRequest, { op: 'check' }> => ({
  op: 'check',
  request: { uri, languageId: 'javascript', version: 1, text, filePath: '/ws/routes/big.js', root: '/ws', rules: {}, purpose: 'open' } satisfies CheckRequest,
});

/** Posts `requests` in order as the analysis client does, and returns the checks' texts as the worker runs them. */
function throughTheWire(requests: WorkerRequest[]): { posted: WorkerRequest[]; checkedTexts: string[] } {
  const held = new Map<string, string>();
  const worker = new BufferTexts();
  const posted = requests.map((request) => withoutHeldText(request, held));
  const checkedTexts: string[] = [];
  for (const job of posted.map((request) => structuredClone(request))) {
    worker.receive(job);
    if (job.op === 'check') checkedTexts.push(job.request.text);
  }
  return { posted, checkedTexts };
}

describe('buffer texts cross to the lint worker once', () => {
  const text = "router.post('/logout', (req, res) => req.logout(() => res.redirect('/')));\n".repeat(1000);

  it('posts a check of the buffer the worker just received without its text, and the worker checks that text', () => {
    const { posted, checkedTexts } = throughTheWire([{ op: 'contextChanged', changes: [buffer(text)], open: [] }, check(text)]);
    assert.deepEqual(posted[1], { ...check(''), textIsBuffer: true });
    assert.deepEqual(checkedTexts, [text]);
  });

  it('posts the text when the worker holds another version, or none since the document closed', () => {
    const edited = text + '// edited\n';
    const { posted, checkedTexts } = throughTheWire([
      { op: 'contextChanged', changes: [buffer(text)], open: [] },
      check(edited),
      { op: 'contextChanged', changes: [buffer(undefined)], open: [] },
      check(text),
    ]);
    assert.deepEqual([posted[1], posted[3]], [check(edited), check(text)]);
    assert.deepEqual(checkedTexts, [edited, text]);
  });

  it('a worker that never received the buffer fails the check with the reason instead of checking an empty text', () => {
    const worker = new BufferTexts();
    assert.throws(() => worker.receive({ ...check(''), textIsBuffer: true }), { message: `the buffer of ${uri} was not received` });
  });

  it('a restored worker holds the buffers it was given', () => {
    const worker = new BufferTexts();
    worker.receive({ op: 'restore', buffers: [buffer(text)], dependencies: [] });
    const job: WorkerRequest = { ...check(''), textIsBuffer: true };
    worker.receive(job);
    assert.equal(job.op === 'check' && job.request.text, text);
  });
});
