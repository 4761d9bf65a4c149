import { formatDuration } from './format';

/** Unit sizes in seconds, largest first, as `formatDuration` writes them. */
const unitSeconds = [86_400, 3_600, 60, 1] as const;

/** The names people type for each unit, in the order of `unitSeconds`. */
const unitNames: readonly (readonly string[])[] = [
  ['d', 'day', 'days'],
  ['h', 'hr', 'hrs', 'hour', 'hours'],
  ['m', 'min', 'mins', 'minute', 'minutes'],
  ['s', 'sec', 'secs', 'second', 'seconds'],
];

const secondsByName = new Map(
  unitNames.flatMap((names, index) => names.map((name) => [name, unitSeconds[index]!] as const)),
);

/** A length of time as typed, read. */
export type ParsedDuration =
  | { readonly ok: true; readonly seconds: number }
  | { readonly ok: false; readonly message: string };

const part = /(\d+)\s*([a-z]*)/g;

/**
 * Reads a length of time as people write it: "24 h", "30 min", "1 day 2 h", "1h30m", "90 s".
 * A bare number is seconds, so raw values still work. Whole units only: a policy counts whole
 * seconds, and "1.5 h" is better written "1 h 30 min" than guessed at.
 */
export function parseDuration(text: string): ParsedDuration {
  const input = text.trim().toLowerCase();
  if (input === '') return { ok: false, message: 'Enter a length of time, e.g. 24 h or 30 min.' };
  let seconds = 0;
  let consumed = '';
  for (const [whole, count, unit] of input.matchAll(part)) {
    const size = unit === '' ? 1 : secondsByName.get(unit!);
    if (size === undefined) {
      return { ok: false, message: `Unknown unit “${unit}”: use days, h, min or s.` };
    }
    seconds += Number(count) * size;
    consumed += whole;
  }
  if (consumed.replace(/\s/g, '') !== input.replace(/\s/g, '')) {
    return { ok: false, message: 'Write whole numbers with units, e.g. 1 h 30 min.' };
  }
  return { ok: true, seconds };
}

/**
 * Writes a length of time exactly, in every unit it needs: 93,784 s is "1 day 2 h 3 min 4 s".
 * `formatDuration` rounds to two units for reading; an editor must give back what was stored.
 */
export function formatDurationExact(seconds: number): string {
  let rest = Math.floor(Math.abs(seconds));
  if (rest === 0) return formatDuration(0);
  const parts: string[] = [];
  for (const size of unitSeconds) {
    const chunk = Math.floor(rest / size) * size;
    if (chunk > 0) parts.push(formatDuration(chunk));
    rest -= chunk;
  }
  return parts.join(' ');
}
