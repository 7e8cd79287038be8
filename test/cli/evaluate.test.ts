import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the BUILT binary (npm test builds first; run `npm run build` before vitest by hand).
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/amiaudit.js');
const FIXTURES = join(ROOT, 'test/fixtures/cli');
const RULES = join(FIXTURES, 'rules');
const NOW = '2026-01-02T00:00:00Z';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amiaudit-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `amiaudit evaluate` in a scratch folder (so no ./rules or ./exceptions.yaml leaks in). */
function evaluate(args: string[], cwd = work): Run {
  const r = spawnSync(process.execPath, [BIN, 'evaluate', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const inv = (name: string) => join(FIXTURES, name);

describe('amiaudit evaluate: exit codes', () => {
  const cases: Array<{ name: string; inventory: string; args?: string[]; exit: number; verdict: RegExp }> = [
    { name: 'clean inventory', inventory: 'clean.jsonl', exit: 0, verdict: /^PASS$/m },
    {
      name: 'a high finding',
      inventory: 'violations.jsonl',
      exit: 1,
      verdict: /FAIL: 1 open finding at or above high/,
    },
    {
      name: 'a high finding with --fail-on none',
      inventory: 'violations.jsonl',
      args: ['--fail-on', 'none'],
      exit: 0,
      verdict: /^PASS$/m,
    },
    {
      name: 'only a low finding (default --fail-on high)',
      inventory: 'low-only.jsonl',
      exit: 0,
      verdict: /^PASS$/m,
    },
    {
      name: 'only a low finding with --fail-on low',
      inventory: 'low-only.jsonl',
      args: ['--fail-on', 'low'],
      exit: 1,
      verdict: /FAIL/,
    },
    { name: 'a failed segment, no violation', inventory: 'partial.jsonl', exit: 3, verdict: /INCOMPLETE/ },
    {
      name: 'a failed segment with --allow-partial',
      inventory: 'partial.jsonl',
      args: ['--allow-partial'],
      exit: 0,
      verdict: /PASS \(partial\)/,
    },
    {
      name: 'a failed segment and a violation',
      inventory: 'partial-violations.jsonl',
      exit: 1,
      verdict: /FAIL/,
    },
  ];
  it.each(cases)('$name → exit $exit', async ({ inventory, args = [], exit, verdict }) => {
    const out = join(work, `out-${inventory}-${args.join('')}`);
    const r = evaluate([
      '--inventory',
      inv(inventory),
      '--rules',
      RULES,
      '--out',
      out,
      '--now',
      NOW,
      ...args,
    ]);
    expect(r.stderr).toMatch(verdict);
    expect(r.status).toBe(exit);
    expect(r.stdout).toBe('');
    const report = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8'));
    expect(report.coverage.complete).toBe(!inventory.startsWith('partial'));
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('reports which AMIs violate which rule', async () => {
    const out = join(work, 'which');
    evaluate(['--inventory', inv('violations.jsonl'), '--rules', RULES, '--out', out, '--now', NOW]);
    const report = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8'));
    const open = report.findings.map(
      (f: { ruleId: string; resource: { id: string } }) => `${f.ruleId} ${f.resource.id}`,
    );
    expect(open.sort()).toEqual([
      'cli-golden-names ami-0bbb0000000000001',
      'cli-tagged ami-0bbb0000000000002',
    ]);
  });
});

describe('amiaudit evaluate: bad input exits 2 and never overwrites a good report', () => {
  async function goodReport(name: string): Promise<{ out: string; before: string }> {
    const out = join(work, name);
    expect(
      evaluate(['--inventory', inv('clean.jsonl'), '--rules', RULES, '--out', out, '--now', NOW]).status,
    ).toBe(0);
    return { out, before: await readFile(join(out, 'findings.json'), 'utf8') };
  }

  it('a rule file with an unknown key', async () => {
    const { out, before } = await goodReport('bad-rules');
    const r = evaluate([
      '--inventory',
      inv('violations.jsonl'),
      '--rules',
      join(FIXTURES, 'bad-rules'),
      '--out',
      out,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+ .*colour/);
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe(before);
  });

  it('a corrupt inventory line, located at FILE:LINE', async () => {
    const { out, before } = await goodReport('corrupt');
    const text = await readFile(inv('violations.jsonl'), 'utf8');
    const lines = text.split('\n');
    lines[3] = lines[3].replace('"ami-', '"img-');
    const corrupt = join(work, 'corrupt.jsonl');
    await writeFile(corrupt, lines.join('\n'));
    const r = evaluate(['--inventory', corrupt, '--rules', RULES, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`${corrupt}:4 image.imageId must match ^ami-[0-9a-zA-Z]+$`);
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe(before);
    expect((await readdir(out)).sort()).toEqual(['findings.json', 'report.html']); // no temp files left
  });

  it.each([
    {
      name: 'a missing inventory file',
      args: ['--inventory', 'nope.jsonl'],
      error: /^nope\.jsonl cannot read inventory: no such file$/m,
    },
    { name: 'no --inventory', args: [], error: /evaluate needs --inventory FILE/ },
    { name: 'an unknown option', args: ['--inventory', 'x', '--colour'], error: /Unknown option '--colour'/ },
    {
      name: 'a bad --fail-on',
      args: ['--inventory', 'x', '--fail-on', 'severe'],
      error: /--fail-on must be one of/,
    },
    { name: 'a bad --format', args: ['--inventory', 'x', '--format', 'pdf'], error: /unknown format "pdf"/ },
    {
      name: 'a bad --now',
      args: ['--inventory', 'x', '--now', 'tomorrow'],
      error: /--now must be an ISO 8601 time/,
    },
    { name: 'a stray argument', args: ['stray', '--inventory', 'x'], error: /unexpected argument "stray"/ },
    {
      name: 'two formats to stdout',
      args: ['--inventory', inv('clean.jsonl'), '--rules', RULES, '--out', '-', '--format', 'json,csv'],
      error: /--out - writes one format to stdout/,
    },
  ])('$name', ({ args, error }) => {
    const r = evaluate(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(error);
    expect(r.stdout).toBe('');
  });
});

describe('amiaudit evaluate: outputs', () => {
  it('--format json --out - writes findings.json to stdout only', async () => {
    const cwd = await mkdtemp(join(work, 'stdout-'));
    const r = evaluate(
      [
        '--inventory',
        inv('violations.jsonl'),
        '--rules',
        RULES,
        '--format',
        'json',
        '--out',
        '-',
        '--now',
        NOW,
      ],
      cwd,
    );
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe('1');
    expect(report.findings).toHaveLength(2);
    expect(r.stderr).toMatch(/FAIL/);
    expect(await readdir(cwd)).toEqual([]);
    // Byte for byte what the file output holds.
    const out = join(work, 'same-as-stdout');
    evaluate([
      '--inventory',
      inv('violations.jsonl'),
      '--rules',
      RULES,
      '--format',
      'json',
      '--out',
      out,
      '--now',
      NOW,
    ]);
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe(r.stdout);
  });

  it('is deterministic: two runs with --now give identical findings.json bytes', async () => {
    const runs: string[] = [];
    for (const name of ['det-1', 'det-2']) {
      const out = join(work, name);
      evaluate([
        '--inventory',
        inv('partial-violations.jsonl'),
        '--rules',
        RULES,
        '--out',
        out,
        '--now',
        NOW,
        '--quiet',
      ]);
      runs.push(await readFile(join(out, 'findings.json'), 'utf8'));
    }
    expect(runs[0].length).toBeGreaterThan(100);
    expect(runs[1]).toBe(runs[0]);
  });

  it('--format junit lists every evaluated (rule, resource) as a test case; findings.json keeps no pass list', async () => {
    const out = join(work, 'junit');
    const r = evaluate([
      '--inventory',
      join(ROOT, 'test/fixtures/inventory/example.jsonl'),
      '--out',
      out,
      '--format',
      'json,junit',
      '--now',
      NOW,
      '--quiet',
    ]);
    expect(r.status).not.toBe(2);
    const report = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8'));
    expect(report).not.toHaveProperty('passed');
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    const evaluated = report.summary.byRule.reduce(
      (n: number, rule: { evaluated: number }) => n + rule.evaluated,
      0,
    );
    const cases = junit.match(/<testcase /g)?.length ?? 0;
    // one case per evaluated (rule, resource), plus one per coverage gap
    expect(cases).toBe(evaluated + report.coverage.gaps.length);
    expect(junit).not.toMatch(/resources passed/);
  });

  it('merges shards given after one --inventory, and with repeated --inventory', async () => {
    const shard = join(work, 'shard-2.jsonl');
    const header = (await readFile(inv('clean.jsonl'), 'utf8')).split('\n')[0];
    const adhoc = (await readFile(inv('violations.jsonl'), 'utf8'))
      .split('\n')
      .filter((l) => l.includes('adhoc-build'));
    await writeFile(shard, `${header.replace('2026-01-01', '2026-01-01')}\n${adhoc.join('\n')}\n`);
    for (const args of [
      ['--inventory', inv('clean.jsonl'), shard],
      ['--inventory', inv('clean.jsonl'), '--inventory', shard],
    ]) {
      const r = evaluate([...args, '--rules', RULES, '--format', 'json', '--out', '-', '--now', NOW]);
      expect(r.status).toBe(1);
      const ids = JSON.parse(r.stdout).findings.map((f: { resource: { id: string } }) => f.resource.id);
      expect(ids).toEqual(['ami-0bbb0000000000001']);
    }
  });

  it('exits 3 when shards of a split inventory are missing, 0 with --allow-partial', async () => {
    const text = await readFile(inv('clean.jsonl'), 'utf8');
    const shard = join(work, 'split-1-of-2.jsonl');
    await writeFile(shard, text.replace('"collectors":', '"shard":{"index":1,"count":2},"collectors":'));
    const args = ['--inventory', shard, '--rules', RULES, '--out', join(work, 'split'), '--now', NOW];
    const r = evaluate(args);
    expect(r.stderr).toMatch(/warning: inventory shard 2\/2 not given/);
    expect(r.status).toBe(3);
    expect(evaluate([...args, '--allow-partial']).status).toBe(0);
  });

  it('--baseline with --fail-on-new fails only on new findings', async () => {
    const base = join(work, 'baseline');
    expect(
      evaluate([
        '--inventory',
        inv('partial-violations.jsonl'),
        '--rules',
        RULES,
        '--out',
        base,
        '--now',
        NOW,
      ]).status,
    ).toBe(1);
    const baseline = join(work, 'baseline.json');
    await cp(join(base, 'findings.json'), baseline);
    const again = evaluate([
      '--inventory', inv('violations.jsonl'), '--rules', RULES, '--format', 'json', '--out', '-',
      '--now', NOW, '--baseline', baseline, '--fail-on-new',
    ]); // biome-ignore format: argv reads best as flag/value pairs
    // The high finding is unchanged; the new one is low: nothing new at or above high.
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(
      report.findings.map((f: { ruleId: string; baseline: string }) => `${f.ruleId}:${f.baseline}`).sort(),
    ).toEqual(['cli-golden-names:unchanged', 'cli-tagged:new']);
    const strict = evaluate([
      '--inventory',
      inv('violations.jsonl'),
      '--rules',
      RULES,
      '--out',
      join(work, 'b2'),
      '--baseline',
      baseline,
      '--fail-on',
      'low',
      '--fail-on-new',
    ]);
    expect(strict.status).toBe(1);
  });

  it('warns on stderr when the baseline covers another scope, even with --quiet', async () => {
    const other = JSON.parse(await readFile(join(ROOT, 'test/report/fixtures/report.json'), 'utf8'));
    // the same findings, from an account this inventory does not have
    other.coverage.accountIds = ['999999999999'];
    for (const f of other.findings) f.resource.account = '999999999999';
    const baseline = join(work, 'other-scope.json');
    await writeFile(baseline, JSON.stringify(other));
    const r = evaluate([
      '--inventory', inv('violations.jsonl'), '--rules', RULES, '--out', join(work, 'b3'),
      '--now', NOW, '--baseline', baseline, '--quiet',
    ]); // biome-ignore format: argv reads best as flag/value pairs
    expect(r.stderr).toMatch(/^amiaudit: warning: the baseline covers a different scope/m);
  });

  it('--help prints usage on stdout (so it can be paged) and exits 0', () => {
    const r = evaluate(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: amiaudit evaluate --inventory FILE/);
    expect(r.stderr).toBe('');
  });
});
