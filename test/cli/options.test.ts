import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { closestOption, parse, positiveInt } from '../../src/cli/options.js';
import { UsageError } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const OPTIONS = {
  regions: { type: 'string' },
  'max-actions': { type: 'string' },
  apply: { type: 'boolean' },
} as const;

describe('command-line parsing', () => {
  it('names the closest known option for a typo', () => {
    expect(() => parse(['--regoins', 'x'], OPTIONS)).toThrow(
      new UsageError("Unknown option '--regoins' (did you mean --regions?)"),
    );
    expect(() => parse(['--zzzzzz'], OPTIONS)).toThrow(
      new UsageError("Unknown option '--zzzzzz'; see --help"),
    );
    expect(closestOption('max-action', Object.keys(OPTIONS))).toBe('max-actions');
    expect(closestOption('colour', Object.keys(OPTIONS))).toBeUndefined();
  });

  it('hands a negative number to the option it follows, so its own check can judge it', () => {
    const { values } = parse(['--max-actions', '-1'], OPTIONS);
    expect(values['max-actions']).toBe('-1');
    expect(() => positiveInt('max-actions', values['max-actions'], 25)).toThrow(
      '--max-actions must be a positive integer, got "-1"',
    );
  });

  it('says a positional argument is not taken, without Node internals', () => {
    expect(() => parse(['extra'], OPTIONS)).toThrow(
      /unexpected argument "extra": this command takes options only/,
    );
  });

  it.each(['--version', '-v', '-V', 'version'])('prints the version for %s', async (arg) => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main([arg])).toBe(0);
      expect(String(out.mock.calls[0]?.[0])).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      out.mockRestore();
    }
  });
});

describe('a closed stdout', () => {
  it('ends the run quietly with 141 when the reader goes away (`amiaudit evaluate --out - | head`)', () => {
    const bin = join(PACKAGE_ROOT, 'bin/amiaudit.js');
    const inventory = join(PACKAGE_ROOT, 'test/fixtures/inventory/example.jsonl');
    const child = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" evaluate --inventory "${inventory}" --out - --format json | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toContain('exit=141');
    expect(child.stderr).not.toContain('EPIPE');
  });
});
