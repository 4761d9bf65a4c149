import type { EventBatch, EventType } from '../../shared/contract';
import type { EventBus } from '../core/events/event-bus';

/** What the demo counts from the core's own events, since it started. */
export interface EventCounts {
  logins: number;
  refreshes: number;
  logouts: number;
  reuseDetections: number;
  sessionsExpired: number;
  keyRotations: number;
  deliveries: { delivered: number; retry: number; dead: number };
}

const counted: EventType[] = [
  'session.created',
  'session.ended',
  'token.refreshed',
  'refresh.reuse_detected',
  'sync.delivery_attempted',
  'key.rotated',
];

/** Counts the events that show the demo working; returns the counts and how to stop. */
export function countEvents(bus: EventBus): { counts: EventCounts; stop: () => void } {
  const counts: EventCounts = {
    logins: 0,
    refreshes: 0,
    logouts: 0,
    reuseDetections: 0,
    sessionsExpired: 0,
    keyRotations: 0,
    deliveries: { delivered: 0, retry: 0, dead: 0 },
  };
  const onBatch = ({ events }: EventBatch): void => {
    for (const event of events) {
      switch (event.type) {
        case 'session.created':
          counts.logins += 1;
          break;
        case 'token.refreshed':
          counts.refreshes += 1;
          break;
        case 'refresh.reuse_detected':
          counts.reuseDetections += 1;
          break;
        case 'session.ended': {
          const { reason } = event.payload;
          if (reason === 'idle_timeout' || reason === 'max_lifetime') counts.sessionsExpired += 1;
          if (reason === 'revoked' || reason === 'logout') counts.logouts += 1;
          break;
        }
        case 'sync.delivery_attempted':
          counts.deliveries[event.payload.outcome] += 1;
          break;
        case 'key.rotated':
          counts.keyRotations += 1;
          break;
      }
    }
  };
  return { counts, stop: bus.subscribe({ filter: { types: counted }, onBatch }) };
}
