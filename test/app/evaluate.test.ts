import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EvaluateOptions, evaluateInventories } from '../../src/app/evaluate.js';
import type { AppIo } from '../../src/app/io.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/cli');
const NOW = new Date('2026-01-02T00:00:00Z');

/** A stream that keeps what was written to it. */
function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => {
    text += String(d);
  });
  return { stream, text: () => text };
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amiaudit-app-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(inventory: string, out: string, more: Partial<EvaluateOptions> = {}): EvaluateOptions {
  return {
    inventories: [join(FIXTURES, inventory)],
    rulesPaths: [join(FIXTURES, 'rules')],
    out,
    formats: ['json'],
    failOn: 'high',
    allowPartial: false,
    failOnNew: false,
    now: NOW,
    quiet: false,
    ...more,
  };
}

describe('evaluateInventories with injected I/O', () => {
  it('returns the exit code and report, writes the summary to the given stderr and nothing to process.*', async () => {
    // Prepare
    const stderr = capture();
    const stdout = capture();
    const io: AppIo = { stderr: stderr.stream, stdout: stdout.stream, env: {}, cwd: work };
    const out = join(work, 'violations');
    const processErr = vi.spyOn(process.stderr, 'write');
    const processOut = vi.spyOn(process.stdout, 'write');
    try {
      // Act
      const outcome = await evaluateInventories(options('violations.jsonl', out), io);

      // Assess
      expect(outcome.exitCode).toBe(1);
      expect(outcome.written).toEqual([join(out, 'findings.json')]);
      expect(outcome.report.findings.map((f) => f.ruleId).sort()).toEqual(['cli-golden-names', 'cli-tagged']);
      expect(JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')).findings).toHaveLength(2);
      expect(stderr.text()).toMatch(/FAIL: 1 open finding at or above high \(exit 1\)/);
      expect(stdout.text()).toBe('');
      expect(processErr).not.toHaveBeenCalled();
      expect(processOut).not.toHaveBeenCalled();
    } finally {
      processErr.mockRestore();
      processOut.mockRestore();
    }
  });

  it("writes '--out -' to the given stdout", async () => {
    const stderr = capture();
    const stdout = capture();
    const io: AppIo = { stderr: stderr.stream, stdout: stdout.stream, env: {}, cwd: work };

    const outcome = await evaluateInventories(options('clean.jsonl', '-', { quiet: true }), io);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.written).toEqual(['-']);
    expect(JSON.parse(stdout.text()).findings).toEqual([]);
    expect(stderr.text()).toBe('');
  });

  it('publishes to GitHub only when the injected env says so', async () => {
    const stderr = capture();
    const summary = join(work, 'step-summary.md');
    const io: AppIo = {
      stderr: stderr.stream,
      stdout: capture().stream,
      env: { GITHUB_STEP_SUMMARY: summary },
      cwd: work,
    };

    await evaluateInventories(options('violations.jsonl', join(work, 'gh'), { quiet: true }), io);

    expect(await readFile(summary, 'utf8')).toContain('amiaudit');
  });
});

describe('summary.md says what the exit code says', () => {
  it.each([
    ['violations.jsonl', { failOn: 'high' as const }, 1, 'FAIL'],
    ['violations.jsonl', { failOn: 'none' as const }, 0, 'PASS'],
    ['partial-violations.jsonl', { failOn: 'none' as const, allowPartial: true }, 0, 'PASS'],
    ['partial.jsonl', { failOn: 'high' as const }, 3, 'INCOMPLETE'],
  ])('%s with %j exits %i and summary.md says %s', async (inventory, gate, exit, status) => {
    const io: AppIo = { stderr: capture().stream, stdout: capture().stream, env: {}, cwd: work };
    const out = join(work, `status-${inventory}-${exit}`);
    const outcome = await evaluateInventories(
      options(inventory, out, { formats: ['md'], quiet: true, ...gate }),
      io,
    );
    expect(outcome.exitCode).toBe(exit);
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toMatch(new RegExp(`amiaudit: ${status}$`));
  });
});
