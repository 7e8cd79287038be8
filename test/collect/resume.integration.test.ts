import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../src/collect/collect-inventory.js';
import { REGION_COLLECTORS } from '../../src/collect/plan.js';
import { generateWorld } from '../../src/emulator/index.js';
import { InputError } from '../../src/errors.js';
import { BASE_CREDENTIALS, useEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({
  world: generateWorld({ accounts: 3, regions: 2, imagesPerRegion: 5, seed: 11 }),
  port: 0,
}));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = (output: string, resume?: string, accounts?: string[]) =>
  collectInventory({
    aws: { credentials: BASE_CREDENTIALS, endpointUrl: emulator.url, concurrency: 8, timeoutMs: 5000 },
    targets: accounts ? { accounts } : { org: true },
    regions: 'all',
    collectors: REGION_COLLECTORS,
    output,
    inMemory: true,
    ...(resume ? { resume } : {}),
  });

/** Records without timings, sorted, so two collections of one world compare equal. */
const records = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((r) => r.kind !== 'header' && r.region !== '*')
    .map((r) => JSON.stringify({ ...r, durationMs: 0, calls: 0 }))
    .sort();

describe('resuming a partial inventory in process', () => {
  it('replays the complete account-regions, collects the rest, and equals a full collection', async () => {
    const full = join(dir, 'full.jsonl');
    await collect(full);
    const lines = readFileSync(full, 'utf8').split('\n').filter(Boolean);
    // A partial inventory cut in the middle of its records, the last line cut short.
    const partial = join(dir, 'p.jsonl.partial');
    const cut = Math.floor(lines.length / 2);
    writeFileSync(partial, `${lines.slice(0, cut).join('\n')}\n${lines[cut].slice(0, 15)}`);

    const output = join(dir, 'p.jsonl');
    const before = emulator.stats().calls;
    const resumed = await collect(output, partial);
    expect(resumed.resumed).toBeGreaterThan(0);
    expect(resumed.gaps).toEqual([]);
    expect(emulator.stats().calls - before).toBeGreaterThan(0);
    expect(records(output)).toEqual(records(full));
    expect(resumed.inventory?.images.length).toBeGreaterThan(0);
  });

  it('refuses a partial inventory of other accounts, and puts a set-aside file back', async () => {
    const full = join(dir, 'other.jsonl');
    await collect(full);
    const partial = join(dir, 'other.jsonl.partial');
    const content = readFileSync(full, 'utf8');
    writeFileSync(partial, content);
    const accounts = [JSON.parse(content.split('\n')[0]).requestedAccounts[0]];
    await expect(collect(full, partial, accounts)).rejects.toThrow(InputError);
    await expect(collect(full, partial, accounts)).rejects.toThrow(/cannot resume: its accounts differ/);
    expect(readFileSync(partial, 'utf8')).toBe(content);
  });

  it('rejects a file with no header or two headers', async () => {
    const noHeader = join(dir, 'nohead.jsonl');
    writeFileSync(
      noHeader,
      '{"kind":"segment","account":"111111111111","region":"*","collector":"regions","status":"ok","calls":0,"durationMs":0}\n',
    );
    await expect(collect(join(dir, 'x.jsonl'), noHeader)).rejects.toThrow(/first record must be a header/);
    const full = join(dir, 'two.jsonl');
    await collect(full);
    const first = readFileSync(full, 'utf8').split('\n')[0];
    const two = join(dir, 'two-headers.jsonl');
    writeFileSync(two, `${first}\n${first}\n`);
    await expect(collect(join(dir, 'y.jsonl'), two)).rejects.toThrow(/several collections/);
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    await expect(collect(join(dir, 'z.jsonl'), empty)).rejects.toThrow(/no header/);
  });
});
