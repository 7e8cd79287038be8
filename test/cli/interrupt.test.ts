import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/emulator/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

// A world slow enough (latency on every call) that a scan is still collecting when the signal comes.
const emulator = useEmulator(() => ({
  world: generateWorld({ accounts: 20, regions: 3, imagesPerRegion: 20, seed: 3 }),
  port: 0,
  latencyMs: [40, 60],
}));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `amiaudit ARGS` to the end; resolves with the exit code and stderr. */
function amiaudit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/amiaudit.js'), ...args], {
    env: { ...process.env, ...emulatorEnv(), AWS_REGION: 'us-east-1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  child.stdout.resume();
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

/** The findings of a findings.json as comparable lines (id and rule), sorted. */
function findingKeys(file: string): string[] {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { findings: { id: string; ruleId: string }[] };
  return report.findings.map((f) => `${f.ruleId} ${f.id}`).sort();
}

/** Runs `amiaudit scan` and sends `signal` once the partial inventory has records; resolves with the exit code. */
function scanAndStop(
  out: string,
  signal: 'SIGINT' | 'SIGTERM',
  afterLines = 50,
): Promise<{ code: number | null; stderr: string }> {
  const bin = join(PACKAGE_ROOT, 'bin/amiaudit.js');
  const child = spawn(
    process.execPath,
    [bin, 'scan', '--org', '--endpoint-url', emulator.url, '--out', out],
    {
      env: { ...process.env, ...emulatorEnv(), AWS_REGION: 'us-east-1' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const partial = join(out, 'inventory.jsonl.partial');
  const poll = setInterval(() => {
    if (existsSync(partial) && readFileSync(partial, 'utf8').split('\n').length > afterLines) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 50);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, stderr });
    });
  });
}

describe('an interrupted scan', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s keeps the previous inventory, the partial one beside it, and exits %i',
    async (signal, exit) => {
      // Prepare: a good inventory from an earlier run.
      const out = join(dir, signal);
      mkdirSync(out, { recursive: true });
      const previous = `${JSON.stringify({ kind: 'header', note: 'the previous run' })}\n`;
      writeFileSync(join(out, 'inventory.jsonl'), previous);

      // Act
      const { code, stderr } = await scanAndStop(out, signal);

      // Assess
      expect(code).toBe(exit);
      expect(readFileSync(join(out, 'inventory.jsonl'), 'utf8')).toBe(previous);
      const lines = readFileSync(join(out, 'inventory.jsonl.partial'), 'utf8').trimEnd().split('\n');
      expect(JSON.parse(lines[0]).kind).toBe('header');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(stderr).toContain(`interrupted by ${signal}`);
      expect(stderr).toContain('inventory.jsonl.partial');
      expect(existsSync(join(out, 'findings.json'))).toBe(false);
    },
  );
});

describe('--resume', () => {
  it('continues an interrupted scan: what the partial inventory completed is kept, the rest collected, the result is a full scan', async () => {
    const out = join(dir, 'resume');
    const fresh = join(dir, 'fresh');
    const scanArgs = ['scan', '--org', '--endpoint-url', emulator.url, '--quiet'];
    // Stopped late enough that some account-regions are complete (their segment records are out).
    const stopped = await scanAndStop(out, 'SIGINT', 400);
    expect(stopped.code).toBe(130);
    const partial = join(out, 'inventory.jsonl.partial');
    const kept = readFileSync(partial, 'utf8').split('\n').filter(Boolean);
    expect(
      kept.some((l) => l.includes('"collector":"snapshots"') || l.includes('"collector":"images"')),
    ).toBe(true);

    const before = emulator.stats().calls;
    const resumed = await amiaudit([...scanArgs, '--out', out, '--resume', partial]);
    const resumedCalls = emulator.stats().calls - before;
    expect(resumed.code, resumed.stderr).not.toBe(2);
    expect(resumed.stderr).toBe('');
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(`${partial}.resume`)).toBe(false);

    const mid = emulator.stats().calls;
    const full = await amiaudit([...scanArgs, '--out', fresh]);
    const fullCalls = emulator.stats().calls - mid;
    expect(full.code).toBe(resumed.code);
    // The resumed scan found exactly what an uninterrupted scan finds, with fewer calls.
    expect(findingKeys(join(out, 'findings.json'))).toEqual(findingKeys(join(fresh, 'findings.json')));
    expect(resumedCalls).toBeLessThan(fullCalls);
    const gaps = (f: string) => JSON.parse(readFileSync(f, 'utf8')).coverage;
    expect(gaps(join(out, 'findings.json'))).toEqual(gaps(join(fresh, 'findings.json')));
  });

  it('refuses a partial inventory whose accounts differ, names what differs, exits 2 and keeps the file', async () => {
    const out = join(dir, 'resume-refused');
    const stopped = await scanAndStop(out, 'SIGTERM');
    expect(stopped.code).toBe(143);
    const partial = join(out, 'inventory.jsonl.partial');
    const content = readFileSync(partial, 'utf8');
    const r = await amiaudit([
      'collect',
      '--accounts',
      '111111111111',
      '--endpoint-url',
      emulator.url,
      '--output',
      join(out, 'inventory.jsonl'),
      '--resume',
      partial,
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /inventory\.jsonl\.partial cannot resume: its accounts differ \(.*this run lacks 1000/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(partial, 'utf8')).toBe(content);
  });

  it('keeps a partial inventory whose last line was cut short, and rejects a corrupt line elsewhere at FILE:LINE', async () => {
    const out = join(dir, 'resume-cut');
    const stopped = await scanAndStop(out, 'SIGINT');
    expect(stopped.code).toBe(130);
    const partial = join(out, 'inventory.jsonl.partial');
    const lines = readFileSync(partial, 'utf8').split('\n').filter(Boolean);
    const cut = join(out, 'cut.jsonl');
    writeFileSync(cut, `${lines.join('\n')}\n${lines[1].slice(0, 20)}`);
    const ok = await amiaudit([
      'scan',
      '--org',
      '--endpoint-url',
      emulator.url,
      '--out',
      out,
      '--resume',
      cut,
      '--quiet',
    ]);
    expect(ok.code, ok.stderr).not.toBe(2);
    const corrupt = join(out, 'corrupt.jsonl');
    writeFileSync(corrupt, `${lines[0]}\n{"kind":\n${lines.slice(1).join('\n')}\n`);
    const bad = await amiaudit([
      'scan',
      '--org',
      '--endpoint-url',
      emulator.url,
      '--out',
      out,
      '--resume',
      corrupt,
      '--quiet',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/corrupt\.jsonl:2(:\d+)? invalid JSON/);
  });
});
