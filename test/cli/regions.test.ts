import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld } from '../../src/emulator/index.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-regions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--regions', () => {
  it('a region AWS does not know is a usage error (exit 2), not a region-disabled gap', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1' });
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    try {
      const output = join(dir, 'inventory.jsonl');
      const code = await main([
        'collect',
        '--endpoint-url',
        emulator.url,
        '--org',
        '--regions',
        'us-east1,us-east-1',
        '--output',
        output,
        '--quiet',
      ]);
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^amiaudit: --regions: unknown region "us-east1" \(regions AWS knows here: .*us-east-1/,
      );
    } finally {
      spy.mockRestore();
      process.env = env;
    }
  });
});
