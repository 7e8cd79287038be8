import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const MESSAGE = 'amiaudit: --endpoint-url must be an http(s) URL, got "not-a-url"\n';

/** Runs the CLI in-process and returns its exit code and what it printed on stderr. */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const writes: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    return { code: await main(argv), stderr: writes.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('one AWS-options parser for scan, collect, remediate and undo', () => {
  it.each([
    ['scan', ['scan', '--quiet']],
    ['collect', ['collect', '--quiet']],
    ['remediate', ['remediate', '--findings', 'missing.json']],
    ['undo', ['undo', '--journal', 'missing.jsonl']],
  ])('%s --endpoint-url not-a-url exits 2 with the same message', async (_name, argv) => {
    const { code, stderr } = await run([...argv, '--endpoint-url', 'not-a-url']);
    expect(code).toBe(2);
    expect(stderr).toBe(MESSAGE);
  });
});
