import { formatRelative, toIsoSeconds } from '../../shared/time/format';

/** A moment in epoch milliseconds as "2026-11-23T10:02:00Z (in 3 h)". */
export function When({ ms, now }: { ms: number; now: number }) {
  const seconds = Math.floor(ms / 1000);
  return (
    <>
      <time dateTime={toIsoSeconds(seconds)}>{toIsoSeconds(seconds)}</time> (
      {formatRelative(seconds, now)})
    </>
  );
}
