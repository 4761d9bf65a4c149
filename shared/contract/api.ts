import type { CallInput, CallName, CallOutput } from './index';
import type { CallResult } from './errors';
import type { EventBatch, Subscription } from './events';

/**
 * What the renderer talks to, whichever transport carries it: `window.tessera` in Electron,
 * the WebSocket bridge in a browser. Calls never throw across it; they resolve to a result.
 */
export interface TesseraApi {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<CallOutput<K>>>;
  /**
   * Receives batches of events matching the filter until the returned function is called;
   * with `afterSeq`, first every logged event after it (so a console resumes without a gap).
   */
  subscribe(filter: Subscription, onBatch: (batch: EventBatch) => void): () => void;
}
