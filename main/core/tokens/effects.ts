import type { EventPayload, EventType } from '../../../shared/contract';
import type { EventBus } from '../events/event-bus';
import type { RevocationKind } from './revocation-index';

/** What the in-memory revocation index must learn once a revocation is committed. */
export interface IndexedRevocation {
  readonly kind: RevocationKind;
  readonly subject: string;
  readonly expiresMs: number;
}

/**
 * Side effects gathered while a transaction runs and applied only after it commits: an event
 * for a rolled-back change must never be seen, and the revocation index must never claim less
 * than the database (it is updated in the same call, right after the commit).
 */
export class Effects {
  readonly events: Array<{ type: EventType; payload: unknown }> = [];
  readonly revocations: IndexedRevocation[] = [];

  emit<K extends EventType>(type: K, payload: EventPayload<K>): void {
    this.events.push({ type, payload });
  }

  revoke(kind: RevocationKind, subject: string, expiresMs: number): void {
    this.revocations.push({ kind, subject, expiresMs });
  }

  /** Applies everything gathered; call only after the commit. */
  apply(target: {
    bus: EventBus;
    index: { add(kind: RevocationKind, subject: string, expiresMs: number): void };
  }): void {
    for (const r of this.revocations) target.index.add(r.kind, r.subject, r.expiresMs);
    for (const e of this.events) {
      target.bus.emit(e.type, e.payload as EventPayload<typeof e.type>);
    }
  }
}
