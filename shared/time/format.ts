/** A unit of time and how to write a count of it. */
interface Unit {
  readonly seconds: number;
  readonly write: (count: number) => string;
}

const second: Unit = { seconds: 1, write: (n) => `${n} s` };

/** Units from largest to smallest; days are the largest because months and years vary in length. */
const units: readonly Unit[] = [
  { seconds: 86_400, write: (n) => (n === 1 ? '1 day' : `${n} days`) },
  { seconds: 3_600, write: (n) => `${n} h` },
  { seconds: 60, write: (n) => `${n} min` },
  second,
];

/** Within this many seconds of now, a moment is "just now" rather than a count of seconds. */
const justNowSeconds = 5;

/** Index in `units` of the largest unit of which `seconds` holds at least one (seconds for 0). */
function largestUnitIndex(seconds: number): number {
  const index = units.findIndex((unit) => seconds >= unit.seconds);
  return index === -1 ? units.length - 1 : index;
}

/**
 * Formats a length of time for people: "45 s", "1 h 30 min", "2 days 3 h".
 * Uses at most two adjacent units, rounded down; the sign is ignored, so callers say "ago" or
 * "in" themselves. Non-finite input gives "unknown".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const whole = Math.floor(Math.abs(seconds));
  const index = largestUnitIndex(whole);
  const major = units[index] ?? second;
  const text = major.write(Math.floor(whole / major.seconds));

  const minor = units[index + 1];
  if (minor === undefined) return text;
  const minorCount = Math.floor((whole % major.seconds) / minor.seconds);
  return minorCount === 0 ? text : `${text} ${minor.write(minorCount)}`;
}

/**
 * Formats a moment relative to now: "in 3 h", "2 days ago", "just now".
 * Only the largest unit, rounded down, because a relative time is a glance; the ISO form is exact.
 */
export function formatRelative(targetSeconds: number, nowSeconds: number): string {
  const delta = targetSeconds - nowSeconds;
  if (!Number.isFinite(delta)) return 'unknown';
  const distance = Math.abs(delta);
  if (distance < justNowSeconds) return 'just now';
  const unit = units[largestUnitIndex(distance)] ?? second;
  const text = unit.write(Math.floor(distance / unit.seconds));
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/**
 * Formats epoch seconds as ISO 8601 in UTC without milliseconds: `2026-11-23T10:02:00Z`.
 * Returns 'invalid date' outside Date's range, because claims come from untrusted tokens.
 */
export function toIsoSeconds(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  if (Number.isNaN(date.getTime())) return 'invalid date';
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
