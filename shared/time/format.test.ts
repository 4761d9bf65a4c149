import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative, toIsoSeconds } from './format';

const minute = 60;
const hour = 3_600;
const day = 86_400;

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [90, '1 min 30 s'],
    [5 * minute, '5 min'],
    [hour, '1 h'],
    [hour + 30 * minute, '1 h 30 min'],
    [hour + minute + 1, '1 h 1 min'],
    [day, '1 day'],
    [7 * day, '7 days'],
    [2 * day + 3 * hour, '2 days 3 h'],
    [400 * day, '400 days'],
  ])('formats %d s as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('uses only two adjacent units, rounding the rest down', () => {
    expect(formatDuration(day + 59 * minute)).toBe('1 day');
    expect(formatDuration(hour + 59)).toBe('1 h');
    expect(formatDuration(45.9)).toBe('45 s');
  });

  it('ignores the sign and reports non-finite input as unknown', () => {
    expect(formatDuration(-90)).toBe('1 min 30 s');
    expect(formatDuration(Number.NaN)).toBe('unknown');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('unknown');
  });
});

describe('formatRelative', () => {
  const now = 1_795_428_120;

  it('says "just now" within 5 s either way', () => {
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatRelative(now + 4, now)).toBe('just now');
    expect(formatRelative(now - 4.9, now)).toBe('just now');
    expect(formatRelative(now + 5, now)).toBe('in 5 s');
    expect(formatRelative(now - 5, now)).toBe('5 s ago');
  });

  it('uses the largest unit only, rounded down', () => {
    expect(formatRelative(now + 3 * hour, now)).toBe('in 3 h');
    expect(formatRelative(now + 3 * hour + 59 * minute, now)).toBe('in 3 h');
    expect(formatRelative(now - 5 * minute - 59, now)).toBe('5 min ago');
    expect(formatRelative(now + 2 * day + 23 * hour, now)).toBe('in 2 days');
    expect(formatRelative(now - 2 * day, now)).toBe('2 days ago');
    expect(formatRelative(now - day, now)).toBe('1 day ago');
  });

  it('reports non-finite input as unknown', () => {
    expect(formatRelative(Number.POSITIVE_INFINITY, now)).toBe('unknown');
    expect(formatRelative(Number.NaN, now)).toBe('unknown');
  });
});

describe('toIsoSeconds', () => {
  it('formats UTC without milliseconds', () => {
    expect(toIsoSeconds(1_795_428_120)).toBe('2026-11-23T10:02:00Z');
    expect(toIsoSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(toIsoSeconds(1.999)).toBe('1970-01-01T00:00:01Z');
    expect(toIsoSeconds(-1)).toBe('1969-12-31T23:59:59Z');
  });

  it('handles the edges of Date’s range without throwing', () => {
    expect(toIsoSeconds(8.64e12)).toBe('+275760-09-13T00:00:00Z');
    expect(toIsoSeconds(8.64e12 + 1)).toBe('invalid date');
    expect(toIsoSeconds(-8.64e12 - 1)).toBe('invalid date');
    expect(toIsoSeconds(Number.NaN)).toBe('invalid date');
    expect(toIsoSeconds(Number.POSITIVE_INFINITY)).toBe('invalid date');
  });
});
