import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/inventory/reader.js';
import { createInventoryWriter, stringifyRecord } from '../../src/inventory/writer.js';
import {
  headerRecord as header,
  imageRecord as image,
  segmentRecord as segment,
} from '../support/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amiaudit-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createInventoryWriter', () => {
  it('round-trips records through the reader, including hostile strings', async () => {
    const path = join(dir, 'nested', 'round-trip.jsonl');
    const writer = createInventoryWriter(path);
    const hostile = image('ami-2', { name: 'line\nbreak\u2028sep', tags: { '<b>': '"quoted"\r\n' } });
    const records = [header(), segment(), image('ami-1'), hostile];
    for (const r of records) writer.write(r);
    expect(writer.records).toBe(4);
    await writer.close();
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')).toHaveLength(5); // four lines and the final newline
    const inv = await readInventory([path]);
    expect(inv.images).toEqual([records[2], hostile]);
    expect(inv.segments).toEqual([records[1]]);
  });

  it('writes complete lines to the final path before close, so a crash leaves a usable prefix', async () => {
    const path = join(dir, 'prefix.jsonl');
    const writer = createInventoryWriter(path, { flushIntervalMs: 20 });
    writer.write(header());
    writer.write(image('ami-1'));
    await sleep(200);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${stringifyRecord(header())}\n${stringifyRecord(image('ami-1'))}\n`);
    expect((await readInventory([path])).images).toHaveLength(1);
    await writer.close();
  });

  it('signals back-pressure and drains', async () => {
    const path = join(dir, 'pressure.jsonl');
    const writer = createInventoryWriter(path, { chunkChars: 512, highWaterMark: 1024 });
    writer.write(header());
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      if (!writer.write(image(`ami-${i}`))) {
        refused++;
        await writer.drain();
      }
    }
    await writer.close();
    expect(refused).toBeGreaterThan(0);
    const inv = await readInventory([path]);
    expect(inv.images.map((i) => i.imageId)).toEqual(Array.from({ length: 200 }, (_, i) => `ami-${i}`));
  });

  it('appends when asked (resume) and refuses writes after close', async () => {
    const path = join(dir, 'append.jsonl');
    const first = createInventoryWriter(path);
    first.write(header());
    first.write(image('ami-1'));
    await first.close();
    expect(() => first.write(image('ami-x'))).toThrow(/closed/);
    const second = createInventoryWriter(path, { append: true });
    second.write(image('ami-2'));
    await second.close();
    expect((await readInventory([path])).images.map((i) => i.imageId)).toEqual(['ami-1', 'ami-2']);
  });

  it('fails at once when the path cannot be opened', () => {
    expect(() => createInventoryWriter(join(dir, 'append.jsonl', 'under-a-file.jsonl'))).toThrow();
  });
});
