import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld } from '../../src/emulator/index.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
let dir: string;
const saved = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amiaudit-collect-'));
  Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1' });
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const base = () => [
  'collect',
  '--endpoint-url',
  emulator.url,
  '--accounts',
  '111111111111',
  '--regions',
  'us-east-1',
  '--quiet',
];

describe('amiaudit collect output options', () => {
  it('--out DIR writes DIR/inventory.jsonl, like the output folder of every other command', async () => {
    const out = join(dir, 'shared-out');
    expect(await main([...base(), '--out', out])).toBe(0);
    const first = JSON.parse(readFileSync(join(out, 'inventory.jsonl'), 'utf8').split('\n')[0]);
    expect(first.kind).toBe('header');
  });

  it('--output FILE names the inventory file itself', async () => {
    const file = join(dir, 'named.jsonl');
    expect(await main([...base(), '--output', file])).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses both at once', async () => {
    expect(await main([...base(), '--out', dir, '--output', join(dir, 'x.jsonl')])).toBe(2);
  });
});
