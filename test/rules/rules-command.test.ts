import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/rules.js';
import { UsageError } from '../../src/errors.js';
import { errorLines, fixture } from './helpers.js';

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('amiaudit rules validate', () => {
  it('says ok with counts and exits 0', async () => {
    expect(await run(['validate', fixture('valid')])).toBe(0);
    expect(stderr).toBe(`ok: 3 rules in 4 files (${fixture('valid')})\n`);
    expect(stdout).toBe('');
  });

  it('validates an exceptions file found by its top-level key, against the rule ids loaded with it', async () => {
    expect(await run(['validate', fixture('dup', 'a.yaml'), fixture('exceptions', 'valid.yaml')])).toBe(0);
    expect(stderr).toMatch(/^ok: 1 rule in 1 file \(.*a\.yaml, .*valid\.yaml\), 2 exceptions in 1 file\n$/);
  });

  it('checks an exceptions file given alone against the default rules', async () => {
    await expect(run(['validate', fixture('exceptions', 'unknown-id.yaml')])).rejects.toThrow(
      /unknown-id.yaml:2:\d+ .*ami-max-agee/,
    );
  });

  it('reports rule and exception errors together, unknown exception rule ids included', async () => {
    const rules = fixture('errors', 'wrong-type.yaml');
    const ex = fixture('exceptions', 'unknown.yaml');
    const lines = await errorLines(() => run(['validate', rules, '--exceptions', ex]));
    expect(lines).toEqual([
      `${rules}:7:16 check.maxDays must be an integer, got string "ten"`,
      `${ex}:2:13 unknown rule id "ami-max-agee" in exception (did you mean "ami-max-age"?)`,
      `${ex}:2:27 unknown rule id "ami-unused" in exception`,
      `${ex}:6:5 unknown key "ticket" in exception (allowed: rules, match, reason, owner, expires)`,
    ]);
  });

  it('rejects an unknown subcommand as a usage error', async () => {
    await expect(run(['frobnicate'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('amiaudit rules list', () => {
  it('prints an aligned table of id, type, severity and title', async () => {
    expect(await run(['list', '--rules', fixture('valid')])).toBe(0);
    expect(stdout).toBe(
      [
        'ID      TYPE    SEVERITY  TITLE',
        'rule-a  match   high      A',
        'rule-b  unused  low       B',
        'rule-c  naming  info      C',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with each rule source', async () => {
    expect(await run(['list', '--rules', fixture('valid', 'b.yaml'), '--format', 'json'])).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        id: 'rule-b',
        type: 'unused',
        severity: 'low',
        title: 'B',
        file: fixture('valid', 'b.yaml'),
        line: 2,
      },
    ]);
  });

  it('fails on invalid rules with every located error', async () => {
    const file = fixture('errors', 'bad-enum.yaml');
    expect(await errorLines(() => run(['list', '--rules', file]))).toHaveLength(1);
  });

  it('keeps control characters of a title out of the terminal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amiaudit-list-'));
    try {
      const file = join(dir, 'r.yaml');
      await writeFile(
        file,
        'rules:\n  - { id: r, title: "ok\\e[31mred\\nfake row", severity: low, check: { type: unused } }\n',
      );
      expect(await run(['list', '--rules', file])).toBe(0);
      expect(stdout.split('\n')[1]).toBe('r   unused  low       ok\\u001b[31mred\\u000afake row');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format', async () => {
    await expect(run(['list', '--format', 'xml'])).rejects.toThrow(
      '--format must be table or json, got "xml"',
    );
  });
});
