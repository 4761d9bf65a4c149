import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubjectFilter } from './subject-filter';

const unusual = ['', 'a', '__proto__', 'constructor', 'ü€😀', '\u0000', 'x'.repeat(10_000)];

describe('createSubjectFilter', () => {
  it('holds every subject added, whatever its characters', () => {
    const subjects = [...unusual, ...Array.from({ length: 20_000 }, () => randomUUID())];
    const filter = createSubjectFilter(subjects.length);
    for (const subject of subjects) filter.add(subject);
    expect(subjects.filter((subject) => !filter.mightHold(subject))).toEqual([]);
  });

  it('turns away nearly every unknown subject when filled to capacity', () => {
    const filter = createSubjectFilter(10_000);
    for (let index = 0; index < filter.capacity; index += 1) filter.add(randomUUID());
    const unknown = Array.from({ length: 20_000 }, () => randomUUID());
    const passed = unknown.filter((subject) => filter.mightHold(subject)).length;
    // About 5% in theory; a filter that let everything through would still be correct, but
    // would save nothing.
    expect(passed / unknown.length).toBeLessThan(0.1);
  });

  it('is sized for what it is asked to hold, within a factor of two', () => {
    for (const subjects of [0, 1, 5_000, 100_000, 1_000_000]) {
      const { capacity } = createSubjectFilter(subjects);
      expect(capacity).toBeGreaterThanOrEqual(subjects);
      expect(capacity).toBeLessThanOrEqual(Math.max(2 * subjects, 2048));
    }
  });
});
