import { z } from 'zod';
import { event } from './define';

/** Every live event and its payload. */
export const events = {
  /** Someone inspected a token: an audit trail of who looked at what (never the token itself). */
  'token.inspected': event<{
    readonly alg: string | null;
    readonly kid: string | null;
    readonly iss: string | null;
    readonly signature: 'valid' | 'invalid' | 'error' | 'unchecked';
    readonly by: string;
  }>(),
} as const;

/** A live event's name. */
export type EventType = keyof typeof events;

/** A live event's payload type. */
export type EventPayload<K extends EventType> = NonNullable<(typeof events)[K]['payload']>;

/** One event as subscribers receive it. */
export type TesseraEvent = {
  [K in EventType]: {
    readonly seq: number;
    readonly type: K;
    readonly atMs: number;
    readonly payload: EventPayload<K>;
  };
}[EventType];

/** Which events a subscriber wants; every field narrows, absent fields match all. */
export const eventFilterSchema = z
  .object({
    types: z.array(z.string().max(64)).max(64).optional(),
  })
  .strict();

/** A subscriber's filter. */
export type EventFilter = z.infer<typeof eventFilterSchema>;

/**
 * What a subscriber receives: events in order, never one message per event.
 * `dropped` counts events this subscriber missed because it fell behind (a gap marker, never a silent drop).
 */
export interface EventBatch {
  readonly events: readonly TesseraEvent[];
  readonly dropped: number;
}
