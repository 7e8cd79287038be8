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

/** Runs `amiaudit scan` and sends `signal` once the partial inventory has records; resolves with the exit code. */
function scanAndStop(
  out: string,
  signal: 'SIGINT' | 'SIGTERM',
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
    if (existsSync(partial) && readFileSync(partial, 'utf8').split('\n').length > 50) {
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
