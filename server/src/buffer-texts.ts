// A check's text crosses from the LSP thread to the lint worker once: when the worker already
// holds it as the document's buffer (sent with the context change just before), the check arrives
// without it. Each copy of 5 MB costs the LSP thread ~25 ms, time a hover waits.
import type { ContextChange } from './analysis';
import type { WorkerRequest } from './lint-worker';

/** Records the buffer texts `changes` carry, per document uri (undefined text: closed). */
export function noteBufferTexts(texts: Map<string, string>, changes: ContextChange[]): void {
  for (const change of changes) {
    if (change.kind === 'disk' || change.uri === undefined) continue;
    if (change.text === undefined) texts.delete(change.uri);
    else texts.set(change.uri, change.text);
  }
}

/**
 * The LSP thread's side, called once per job as it is posted, in order: records the buffers a
 * context change carries into `held`, and leaves a check's text out when `held` has it.
 */
export function withoutHeldText(request: WorkerRequest, held: Map<string, string>): WorkerRequest {
  if (request.op === 'contextChanged') noteBufferTexts(held, request.changes);
  if ((request.op === 'check' || request.op === 'fixAll') && held.get(request.request.uri) === request.request.text) {
    return { ...request, request: { ...request.request, text: '' }, textIsBuffer: true };
  }
  return request;
}

/** The worker's side: the buffers as it last received them, given back to checks sent without text. */
export class BufferTexts {
  readonly #texts = new Map<string, string>();

  receive(job: WorkerRequest): void {
    if (job.op === 'contextChanged') noteBufferTexts(this.#texts, job.changes);
    else if (job.op === 'restore') noteBufferTexts(this.#texts, job.buffers);
    else if ((job.op === 'check' || job.op === 'fixAll') && job.textIsBuffer) {
      const text = this.#texts.get(job.request.uri);
      if (text === undefined) throw new Error(`the buffer of ${job.request.uri} was not received`);
      job.request.text = text;
    }
  }
}
