import { Fragment } from 'react';
import type { DemoStatusDto } from '../../../shared/contract';

/** What the demo has done since Tessera started, read from the core's own events. */
export function DemoCounters({ status }: { status: Extract<DemoStatusDto, { enabled: true }> }) {
  const { counters } = status;
  const rows: ReadonlyArray<readonly [string, string, number]> = [
    ['logins', 'Logins', counters.logins],
    ['refreshes', 'Refreshes', counters.refreshes],
    ['introspections', 'Introspections by services', counters.introspections],
    ['logouts', 'Logouts and revocations', counters.logouts],
    ['theft-attempts', 'Replays of stolen refresh tokens', counters.theftAttempts],
    ['reuse-detections', 'Reuse detections', counters.reuseDetections],
    ['sessions-expired', 'Sessions expired', counters.sessionsExpired],
    ['active-sessions', 'Active sessions now', status.activeSessions],
    ['key-rotations', 'Signing keys rotated', counters.keyRotations],
    ['delivered', 'Logouts delivered to services', counters.deliveries.delivered],
    ['retry', 'Logout deliveries to retry', counters.deliveries.retry],
    ['dead', 'Logout deliveries given up (dead letters)', counters.deliveries.dead],
  ];
  return (
    <section aria-labelledby="demo-counters-title">
      <h2 id="demo-counters-title">Since start</h2>
      <dl className="facts">
        {rows.map(([key, label, value]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd data-counter={key}>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
