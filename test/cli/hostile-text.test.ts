import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the BUILT binary (npm test builds first; run `npm run build` before vitest by hand).
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/amiaudit.js');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amiaudit-hostile-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function amiaudit(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stderr: r.stderr };
}

/** No terminal control, bidi or invisible format character at all (the CLI's own output has none). */
const HOSTILE = /[\p{Cc}\p{Cf}]/u;
const withoutNewlines = (s: string) => s.replaceAll('\n', '');

describe('stderr never echoes hostile characters of file names or file contents', () => {
  it('an inventory whose name holds ESC and whose JSON is broken: one escaped line, exit 2', async () => {
    const file = join(work, 'inv\x1b[31m.jsonl');
    await writeFile(file, '{"type":"header"\x1b[2J\u202e}\n');
    const { status, stderr } = amiaudit(['evaluate', '--inventory', file, '--out', join(work, 'out')]);
    expect(status).toBe(2);
    // One line, the file name escaped; the wording of the JSON error is V8's and differs between Node versions.
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr.startsWith(`${join(work, 'inv\\u001b[31m.jsonl')}:1:`)).toBe(true);
    expect(stderr).toContain('invalid JSON');
    expect(withoutNewlines(stderr)).not.toMatch(HOSTILE);
  });

  it('a findings file whose invalid JSON snippet holds C1, OSC and BEL is shown with escapes', async () => {
    const file = join(work, 'findings\u202e.json');
    await writeFile(file, '{"a": \x9b\x1b]0;title\x07}');
    const { status, stderr } = amiaudit(['report', '--findings', file, '--out', join(work, 'out2')]);
    expect(status).toBe(2);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(withoutNewlines(stderr)).not.toMatch(HOSTILE);
    expect(stderr).toContain('findings\\u202e.json:1');
    expect(stderr).toContain('\\u009b\\u001b]0;title\\u0007');
  });

  it('a missing rule file named with ESC and a newline stays on one line', () => {
    const { status, stderr } = amiaudit(['rules', 'validate', join(work, 'nope\x1b[2J\nfake.yaml')]);
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(work, 'nope\\u001b[2J\\u000afake.yaml')} no such file or folder\n`);
  });
});
