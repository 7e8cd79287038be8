import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'amiaudit-emulator-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await main(['emulator', ...args]);
    return { code, stdout, stderr };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

describe('amiaudit emulator (argument and world errors exit 2 before serving)', () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'accounts:\n  - id: "111111111111"\n    bogus: 1\n');

  it.each([
    [['--world', bad], `${bad}:3:5 accounts.0: unknown key "bogus"`],
    [['--world', join(dir, 'missing.yaml')], 'cannot read world file'],
    [['--synthetic', 'accounts=x'], '--synthetic expects'],
    [['--latency', '50-20'], '--latency: MAX must be >= MIN'],
    [['--port', '70000'], '--port must be 0..65535'],
    [['--world', bad, '--synthetic', 'accounts=1'], 'mutually exclusive'],
    [['--bogus'], 'Unknown option'],
  ])('%j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--help exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--synthetic SPEC');
  });
});
