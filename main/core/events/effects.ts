import type { EventPayload, EventType, TesseraEvent } from '../../../shared/contract';
import type { RevocationKind } from '../tokens/revocation-index';

/** What the in-memory revocation index must learn once a revocation is committed. */
export interface IndexedRevocation {
  readonly kind: RevocationKind;
  readonly subject: string;
  readonly expiresMs: number;
}

/** Appends an event to the log inside the running transaction and returns it with its seq. */
export type AppendEvent = <K extends EventType>(type: K, payload: EventPayload<K>) => TesseraEvent;

/**
 * What a transaction did besides its rows. Events are written to the log in the same
 * transaction as the change they describe (so the audit trail can never disagree with the
 * data), but reach live subscribers only after the commit; revocations reach the in-memory
 * index right after the commit, in the same call.
 */
export class Effects {
  readonly events: TesseraEvent[] = [];
  readonly revocations: IndexedRevocation[] = [];

  constructor(private readonly append: AppendEvent) {}

  emit<K extends EventType>(type: K, payload: EventPayload<K>): void {
    this.events.push(this.append(type, payload));
  }

  revoke(kind: RevocationKind, subject: string, expiresMs: number): void {
    this.revocations.push({ kind, subject, expiresMs });
  }
}
