import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld } from '../../src/emulator/index.js';
import { VERSION } from '../../src/version.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit is recognisable in CloudTrail', () => {
  it('every call carries amiaudit/<version> in its user agent, every AssumeRole an amiaudit-<run> session name', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1' });
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await main([
        'collect',
        '--endpoint-url',
        emulator.url,
        '--org',
        '--regions',
        'us-east-1',
        '--output',
        join(dir, 'i.jsonl'),
        '--quiet',
      ]);
    } finally {
      quiet.mockRestore();
      process.env = env;
    }
    const agents = emulator.userAgentsSeen();
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toContain(`amiaudit/${VERSION}`);
    const names = new Set([...emulator.state.sessions.values()].map((s) => s.sessionName));
    expect(names.size).toBe(1);
    expect([...names][0]).toMatch(/^amiaudit-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  });
});
