import { describe, expect, it } from 'vitest';
import { createDemoClock } from './demo-clock';

describe('createDemoClock', () => {
  const realClock = (startMs: number) => {
    const real = { ms: startMs };
    return { real, now: () => real.ms };
  };

  it('runs at the chosen speed from where it was, without jumping', () => {
    const { real, now } = realClock(1_000_000);
    const clock = createDemoClock(1_000_000, now);
    real.ms += 1000;
    expect(clock.nowMs()).toBe(1_001_000);
    clock.setSpeed(3600);
    expect(clock.nowMs()).toBe(1_001_000);
    real.ms += 1000;
    expect(clock.nowMs()).toBe(1_001_000 + 3_600_000);
    expect(clock.aheadMs()).toBe(3_600_000 - 1000);
  });

  it('never goes back: slowing down keeps the time reached, advancing backwards is ignored', () => {
    const { real, now } = realClock(0);
    const clock = createDemoClock(0, now);
    clock.setSpeed(60);
    real.ms += 1000;
    clock.setSpeed(1);
    expect(clock.nowMs()).toBe(60_000);
    clock.advanceTo(10_000);
    expect(clock.nowMs()).toBe(60_000);
    clock.advanceTo(90_000);
    expect(clock.nowMs()).toBe(90_000);
  });

  it('starts in the past for the seed and walks forward to the present', () => {
    const { real, now } = realClock(5_000_000);
    const clock = createDemoClock(1_000_000, now);
    expect(clock.aheadMs()).toBe(-4_000_000);
    clock.advanceTo(real.ms);
    expect(clock.aheadMs()).toBe(0);
  });

  it('has timers sleep simulated time divided by the speed, at most a second', () => {
    const clock = createDemoClock(0, () => 0);
    expect(clock.simulation.realDelayMs(500)).toBe(500);
    expect(clock.simulation.realDelayMs(60_000)).toBe(1000);
    clock.setSpeed(3600);
    expect(clock.simulation.realDelayMs(3_600_000)).toBe(1000);
    expect(clock.simulation.realDelayMs(360_000)).toBe(100);
  });
});
