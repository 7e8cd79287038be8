import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from '../../src/collect/progress.js';

const stats = () => ({
  calls: 120,
  attempts: 125,
  throttles: 5,
  errors: 0,
  inFlight: 0,
  waitedMs: 0,
  byApi: {},
});

function capture(isTTY: boolean) {
  const out: string[] = [];
  return {
    out,
    stream: { isTTY, write: (s: string) => out.push(s) > 0 } as unknown as NodeJS.WritableStream & {
      isTTY?: boolean;
    },
  };
}

describe('Progress', () => {
  it('shows accounts, segments, gaps, calls, throttles, elapsed and an ETA from the segment rate', () => {
    let now = 0;
    const { stream } = capture(false);
    const p = new Progress({ stream, stats, now: () => now });
    p.setAccounts(4);
    p.addSegments(10);
    for (let i = 0; i < 4; i++) p.segmentDone(i !== 0);
    p.accountDone();
    now = 20_000;
    expect(p.line()).toBe(
      'collect: accounts 1/4, segments 4/10 (1 gaps), calls 120, throttled 5, 20s eta 30s',
    );
  });

  it('redraws one line on a TTY and prints plain lines otherwise; --quiet prints nothing', () => {
    const tty = capture(true);
    new Progress({ stream: tty.stream, stats }).stop();
    expect(tty.out[0]).toMatch(/^\r.*\x1b\[K\n$/);
    const plain = capture(false);
    new Progress({ stream: plain.stream, stats }).stop();
    expect(plain.out[0]).toMatch(/^collect: .*\n$/);
    const quiet = capture(false);
    const q = new Progress({ stream: quiet.stream, stats, quiet: true });
    q.start();
    q.stop();
    expect(quiet.out).toEqual([]);
  });

  it.each([
    [5_000, '5s'],
    [65_000, '1m05s'],
    [3_720_000, '1h02m'],
  ])('formatDuration(%i) = %s', (ms, want) => expect(formatDuration(ms)).toBe(want));
});
