import { describe, expect, it } from 'vitest';
import { describeCounts, fleetTotal, sumCounts } from './fleet-counts';

describe('describeCounts', () => {
  it('says how many end and why, leaving out causes with none', () => {
    expect(describeCounts({ idle: 8, absolute: 4, cookie: 0 })).toBe(
      '12 sessions end (8 idle, 4 absolute)',
    );
    expect(describeCounts({ idle: 0, absolute: 0, cookie: 1 })).toBe('1 session ends (1 cookie)');
    expect(describeCounts({ idle: 0, absolute: 0, cookie: 0 })).toBe('no sessions end');
  });

  it('adds up every cause', () => {
    expect(fleetTotal({ idle: 2, absolute: 3, cookie: 4 })).toBe(9);
  });

  it('sums intervals cause by cause', () => {
    expect(
      sumCounts([
        { idle: 1, absolute: 0, cookie: 2 },
        { idle: 3, absolute: 4, cookie: 0 },
      ]),
    ).toEqual({ idle: 4, absolute: 4, cookie: 2 });
    expect(sumCounts([])).toEqual({ idle: 0, absolute: 0, cookie: 0 });
  });
});
