import { describe, expect, it } from 'vitest';
import { formatDurationExact, parseDuration } from './duration';

const seconds = (text: string) => {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.seconds;
};

describe('parseDuration', () => {
  it('reads the units formatDuration writes', () => {
    expect(seconds('24 h')).toBe(86_400);
    expect(seconds('30 min')).toBe(1_800);
    expect(seconds('1 day')).toBe(86_400);
    expect(seconds('14 days')).toBe(14 * 86_400);
    expect(seconds('45 s')).toBe(45);
  });

  it('adds up several units, with or without spaces and in any case', () => {
    expect(seconds('1 h 30 min')).toBe(5_400);
    expect(seconds('1h30m')).toBe(5_400);
    expect(seconds('2 Days 3 H')).toBe(2 * 86_400 + 3 * 3_600);
  });

  it('takes a bare number as seconds', () => {
    expect(seconds('900')).toBe(900);
    expect(seconds(' 0 ')).toBe(0);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseDuration('')).toEqual({
      ok: false,
      message: 'Enter a length of time, e.g. 24 h or 30 min.',
    });
    expect(parseDuration('3 weeks')).toEqual({
      ok: false,
      message: 'Unknown unit “weeks”: use days, h, min or s.',
    });
    expect(parseDuration('1.5 h').ok).toBe(false);
    expect(parseDuration('-5 min').ok).toBe(false);
    expect(parseDuration('soon').ok).toBe(false);
  });
});

describe('formatDurationExact', () => {
  it('writes every unit needed, so nothing is rounded away', () => {
    expect(formatDurationExact(93_784)).toBe('1 day 2 h 3 min 4 s');
    expect(formatDurationExact(86_400 + 60)).toBe('1 day 1 min');
    expect(formatDurationExact(900)).toBe('15 min');
    expect(formatDurationExact(0)).toBe('0 s');
  });

  it('round-trips through parseDuration', () => {
    for (const value of [0, 1, 59, 60, 3_601, 86_399, 30 * 86_400, 365 * 86_400 + 7]) {
      expect(seconds(formatDurationExact(value))).toBe(value);
    }
  });
});
