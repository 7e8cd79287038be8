import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrStream } from '../../src/app/io.js';
import { type ScanOptions as AppScanOptions, scan } from '../../src/app/scan.js';
import { main } from '../../src/cli/main.js';
import { BASE_CREDENTIALS, useEmulator } from '../support/emulator.js';
import { DENIED } from '../support/organization.js';
import { scanWorld } from './world.js';

type ScanOptions = AppScanOptions & { stderr?: ErrStream };

/** Runs the scan use case with this process's I/O (or the given stderr) and returns its exit code. */
async function runScan({ stderr, ...opts }: ScanOptions): Promise<number> {
  const io = {
    stderr: stderr ?? process.stderr,
    stdout: process.stdout,
    env: process.env,
    cwd: process.cwd(),
  };
  return (await scan(opts, io)).exitCode;
}

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => {
    text += String(d);
  });
  return { stream, text: () => text };
}

describe('amiaudit scan against the emulator', () => {
  const emu = useEmulator(() => ({ world: scanWorld(), port: 0, throttle: false }));
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'amiaudit-scan-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const base = (out: string): ScanOptions => ({
    aws: { endpointUrl: emu.url, credentials: BASE_CREDENTIALS, concurrency: 8, maxAttempts: 3 },
    targets: { org: true },
    regions: ['us-east-1'],
    rulesPaths: [],
    out,
    formats: ['json'],
    failOn: 'none',
    allowPartial: false,
    now: new Date('2026-06-01T00:00:00Z'),
  });

  it('collects, evaluates and exits 3 when an account could not be assumed (incomplete ≠ clean)', async () => {
    const out = join(dir, 'a');
    const err = sink();
    const code = await runScan({ ...base(out), stderr: err.stream });
    expect(code).toBe(3);
    const report = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(report.coverage.complete).toBe(false);
    expect(report.coverage.gaps).toContainEqual(expect.objectContaining({ account: DENIED }));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'inventory.jsonl'))).toBe(true);
    expect(err.text()).toContain('scan: 4 accounts');
  });

  it('--allow-partial turns 3 into 0; --fail-on low with findings gives 1', async () => {
    expect(await runScan({ ...base(join(dir, 'b')), allowPartial: true, quiet: true })).toBe(0);
    expect(await runScan({ ...base(join(dir, 'c')), failOn: 'low', quiet: true })).toBe(1);
  });

  it('exits 0 when every requested account is covered and nothing fails the gate', async () => {
    const code = await runScan({
      ...base(join(dir, 'd')),
      targets: { org: true, excludeAccounts: [DENIED] },
      quiet: true,
    });
    expect(code).toBe(0);
  });
});

describe('amiaudit collect: fatal errors', () => {
  it('an unreachable endpoint is one clear line and exit 2, and leaves no inventory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amiaudit-fatal-'));
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEMULATOR';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    const writes: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const output = join(dir, 'inv.jsonl');
      const code = await main([
        'collect',
        '--endpoint-url',
        'http://127.0.0.1:9',
        '--output',
        output,
        '--quiet',
        '--timeout-ms',
        '500',
      ]);
      expect(code).toBe(2);
      expect(writes.join('')).toMatch(
        /^amiaudit: cannot reach AWS STS at http:\/\/127.0.0.1:9: .*ECONNREFUSED.*\n$/,
      );
      expect(existsSync(output)).toBe(false);
    } finally {
      process.stderr.write = orig;
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2 before any AWS call', async () => {
    expect(await main(['collect', '--shard', '5/2', '--quiet'])).toBe(2);
    expect(await main(['collect', '--endpoint-url', 'ftp://x', '--quiet'])).toBe(2);
  });
});
