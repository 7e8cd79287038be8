import { describe, expect, it } from 'vitest';
import { resolveTime } from '../../src/emulator/time.js';

describe('world times', () => {
  const now = new Date('2026-11-27T15:42:10.123Z');

  it.each([
    ['now', '2026-11-27T15:42:10.123Z'],
    ['now-2h', '2026-11-27T13:42:10.123Z'],
    ['now+30m', '2026-11-27T16:12:10.123Z'],
    // whole days count from the start of the UTC day: the same on every start that day
    ['now-200d', '2026-05-11T00:00:00.000Z'],
    ['now+1d', '2026-11-28T00:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('%s → %s', (input, want) => {
    expect(resolveTime(input, now)).toBe(want);
  });

  it('gives the same day-relative time to two emulators started hours apart on one day', () => {
    const later = new Date('2026-11-27T23:59:59.000Z');
    expect(resolveTime('now-170d', later)).toBe(resolveTime('now-170d', now));
  });
});
