import type { TesseraEvent } from '../contract/events';
import { describeEvent, eventSubjects } from '../events/describe-event';
import { toCsv } from './csv';
import { redactTokens } from './redact-tokens';

/** One exported event: what the feed shows, plus the payload, with credentials redacted. */
export interface ExportedEvent {
  readonly seq: number;
  readonly time: string;
  readonly type: string;
  readonly sentence: string;
  readonly userId: string | null;
  readonly clientId: string | null;
  readonly sid: string | null;
  readonly payload: unknown;
}

/** The exported form of one event; every field goes through the redaction, sentence included. */
export function exportedEvent(event: TesseraEvent): ExportedEvent {
  return redactTokens({
    seq: event.seq,
    time: new Date(event.atMs).toISOString(),
    type: event.type,
    sentence: describeEvent(event),
    ...eventSubjects(event),
    payload: event.payload,
  }) as ExportedEvent;
}

/** Events as a JSON array, in the order given. */
export function eventsToJson(events: readonly TesseraEvent[]): string {
  return `${JSON.stringify(events.map(exportedEvent), null, 2)}\n`;
}

const columns = [
  'seq',
  'time',
  'type',
  'sentence',
  'userId',
  'clientId',
  'sid',
  'payload',
] as const;

/** Events as CSV with a header row; the payload column holds the payload as JSON. */
export function eventsToCsv(events: readonly TesseraEvent[]): string {
  return toCsv(columns, events.map(exportedEvent));
}
