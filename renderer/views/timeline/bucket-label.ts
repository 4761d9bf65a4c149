import type { FleetBucketDto, FleetRange } from '../../../shared/contract';

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

/** `HH:MM` in this computer's time zone, the one the operator reads the clock in. */
function clockTime(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** A moment within the range: "14:00" over a day, "Tue 14:00" over a week. */
export function momentLabel(ms: number, range: FleetRange): string {
  return range === '24h' ? clockTime(ms) : `${weekday.format(ms)} ${clockTime(ms)}`;
}

/**
 * A bar's span as people read it: "14:00–15:00" over a day; over a week, "Tue 06:00–12:00",
 * or "Tue 18:00–Wed 00:00" when the bar crosses midnight.
 */
export function bucketLabel(bucket: FleetBucketDto, range: FleetRange): string {
  const sameDay = weekday.format(bucket.startMs) === weekday.format(bucket.endMs);
  const end =
    range === '24h' || sameDay ? clockTime(bucket.endMs) : momentLabel(bucket.endMs, range);
  return `${momentLabel(bucket.startMs, range)}–${end}`;
}
