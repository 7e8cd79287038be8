import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readInventory } from '../../src/inventory/reader.js';
import { MGMT as ACCOUNT_A, PROD as ACCOUNT_B } from '../support/organization.js';
import {
  headerRecord as header,
  imageRecord as image,
  jsonl,
  segmentRecord as segment,
} from '../support/records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amiaudit-inv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Reads and returns the one-line error the CLI would print. */
async function errorLine(paths: string[]): Promise<string> {
  const err = await readInventory(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).toLine();
}

describe('readInventory: a valid file', () => {
  it('reads every kind of record into the inventory', async () => {
    const path = await file(
      'valid.jsonl',
      jsonl([
        header(),
        segment(),
        image('ami-1', { tags: { Team: 'x' } }),
        image('ami-2'),
        {
          kind: 'usage',
          imageId: 'ami-1',
          account: ACCOUNT_A,
          region: 'us-east-1',
          source: 'instance',
          refId: 'i-1',
        },
        {
          kind: 'snapshot',
          account: ACCOUNT_A,
          region: 'us-east-1',
          snapshotId: 'snap-1',
          volumeSizeGiB: 8,
          public: false,
        },
        {
          kind: 'account-region',
          account: ACCOUNT_A,
          region: 'us-east-1',
          imageBlockPublicAccess: 'unblocked',
        },
      ]),
    );
    const inv = await readInventory([path]);
    expect(inv.images.map((i) => i.imageId)).toEqual(['ami-1', 'ami-2']);
    expect(inv.images[0].tags).toEqual({ Team: 'x' });
    expect(inv.usage).toHaveLength(1);
    expect(inv.snapshots[0].snapshotId).toBe('snap-1');
    expect(inv.accountRegions[0].imageBlockPublicAccess).toBe('unblocked');
    expect(inv.segments).toHaveLength(1);
    expect(inv.collectedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(inv.organization.id).toBe('o-abcdefghij');
    expect(inv.requestedAccounts).toEqual([ACCOUNT_A]);
    expect(inv.collectors).toEqual(['images']);
  });

  it('accepts CRLF line ends, blank lines and a last line without a newline', async () => {
    const text = `${JSON.stringify(header())}\r\n\r\n${JSON.stringify(image('ami-1'))}\r\n\n${JSON.stringify(image('ami-2'))}`;
    const inv = await readInventory([await file('crlf.jsonl', text)]);
    expect(inv.images.map((i) => i.imageId)).toEqual(['ami-1', 'ami-2']);
  });

  it('reads a line longer than its read buffer, with multi-byte characters', async () => {
    const description = 'é€😀'.repeat(700_000); // ~6 MB of UTF-8, several times the 1 MiB read chunk
    const inv = await readInventory([
      await file('long.jsonl', jsonl([header(), image('ami-1', { description })])),
    ]);
    expect(inv.images[0].description).toBe(description);
  });
});

describe('readInventory: corrupt and invalid lines name FILE:LINE', () => {
  const cases: Array<{ name: string; line: string; error: RegExp }> = [
    { name: 'truncated JSON', line: '{"kind":"image","account":"1', error: /:3:\d+ invalid JSON: / },
    { name: 'not JSON at all', line: 'hello', error: /:3(:1)? invalid JSON: Unexpected token 'h'$/ },
    { name: 'a JSON array', line: '[1,2]', error: /:3 a record must be a JSON object, got an array$/ },
    { name: 'no kind', line: '{"imageId":"ami-1"}', error: /:3 record has no "kind"/ },
    {
      name: 'unknown kind',
      line: '{"kind":"volume"}',
      error: /:3 unknown record kind "volume" \(expected one of header, /,
    },
    {
      name: 'bad image id',
      line: JSON.stringify(image('img-1')),
      error: /:3 image\.imageId must match \^ami-\[0-9a-zA-Z\]\+\$$/,
    },
    {
      name: 'missing required field',
      line: JSON.stringify({ ...image('ami-1'), public: undefined }),
      error: /:3 image\.public is required$/,
    },
    {
      name: 'unknown property',
      line: JSON.stringify({ ...image('ami-1'), colour: 'red' }),
      error: /:3 image has unknown property "colour"$/,
    },
    {
      name: 'wrong type deep inside',
      line: JSON.stringify(image('ami-1', { blockDevices: [{ encrypted: 'yes' as unknown as boolean }] })),
      error: /:3 image\.blockDevices\[0\]\.encrypted must be boolean$/,
    },
    {
      name: 'non-string tag value',
      line: JSON.stringify(image('ami-1', { tags: { 'cost center': 5 as unknown as string } })),
      error: /:3 image\.tags\["cost center"\] must be string$/,
    },
    {
      name: 'value outside an enum',
      line: JSON.stringify(segment({ status: 'exploded' as 'ok' })),
      error: /:3 segment\.status must be one of ok, access-denied, /,
    },
    {
      name: 'bad account id',
      line: JSON.stringify(segment({ account: '123' })),
      error: /:3 segment\.account must match \^\[0-9\]\{12\}\$$/,
    },
  ];
  it.each(cases)('$name', async ({ line, error }) => {
    const path = await file('corrupt.jsonl', jsonl([header(), image('ami-0'), line, image('ami-9')]));
    const message = await errorLine([path]);
    expect(message.startsWith(`${path}:3`)).toBe(true);
    expect(message).toMatch(error);
  });

  it('points the column at the JSON syntax error', async () => {
    const path = await file('column.jsonl', jsonl([header(), '{"kind": "image", oops}']));
    expect(await errorLine([path])).toMatch(new RegExp(`^${path}:2:19 invalid JSON`));
  });

  it('bounds the echo of a hostile value in the message', async () => {
    const path = await file('hostile.jsonl', jsonl([header(), JSON.stringify({ kind: 'x'.repeat(10_000) })]));
    const message = await errorLine([path]);
    expect(message.length).toBeLessThan(300);
  });
});

describe('readInventory: headers', () => {
  it.each([
    {
      name: 'a record before the header',
      lines: [image('ami-1'), header()],
      error: ':1 the first record must be a header, got kind "image"',
    },
    {
      name: 'an unsupported schemaVersion',
      lines: [JSON.stringify({ ...header(), schemaVersion: '2' })],
      error: ':1 unsupported inventory schemaVersion "2" (this amiaudit reads "1")',
    },
    {
      name: 'an invalid header',
      lines: [JSON.stringify({ ...header(), organization: undefined })],
      error: ':1 header.organization is required',
    },
  ])('rejects $name', async ({ lines, error }) => {
    const path = await file('header.jsonl', jsonl(lines));
    expect(await errorLine([path])).toBe(`${path}${error}`);
  });

  it('rejects an empty file and a file of blank lines', async () => {
    const empty = await file('empty.jsonl', '');
    expect(await errorLine([empty])).toBe(
      `${empty} not an inventory: empty file (the first record must be a header)`,
    );
    const blank = await file('blank.jsonl', '\n\n');
    expect(await errorLine([blank])).toBe(
      `${blank} not an inventory: only blank lines (the first record must be a header)`,
    );
  });

  it('names a file that does not exist', async () => {
    const missing = join(dir, 'nope.jsonl');
    expect(await errorLine([missing])).toBe(`${missing} cannot read inventory: no such file`);
    expect(await errorLine([dir])).toBe(`${dir} cannot read inventory: is a folder, not a file`);
  });

  it('requires a header at the top of every file, not only the first', async () => {
    const a = await file('h1.jsonl', jsonl([header(), image('ami-1')]));
    const b = await file('h2.jsonl', jsonl([image('ami-2')]));
    expect(await errorLine([a, b])).toBe(`${b}:1 the first record must be a header, got kind "image"`);
  });
});

describe('readInventory: shards are merged and de-duplicated', () => {
  it('unions headers and keeps the newest copy of a duplicated record', async () => {
    const older = await file(
      'shard-1.jsonl',
      jsonl([
        header({
          collectedAt: '2026-01-01T00:00:00Z',
          requestedAccounts: [ACCOUNT_A],
          collectors: ['images'],
        }),
        image('ami-1', { name: 'old' }),
        image('ami-2'),
        segment({ status: 'ok' }),
        segment({ collector: 'instances', status: 'ok' }),
      ]),
    );
    const newer = await file(
      'shard-2.jsonl',
      jsonl([
        header({
          collectedAt: '2026-01-02T00:00:00Z',
          organization: {
            id: 'o-abcdefghij',
            accounts: [
              { id: ACCOUNT_A, name: 'a-renamed' },
              { id: ACCOUNT_B, name: 'b' },
            ],
            ous: [{ id: 'r-ab12' }, { id: 'ou-ab12-11111111', parentId: 'r-ab12' }],
          },
          requestedAccounts: [ACCOUNT_B],
          collectors: ['images', 'instances'],
        }),
        image('ami-1', { name: 'new' }),
        image('ami-1', { account: ACCOUNT_B, name: 'same id, other account' }),
        image('ami-3'),
        segment({ status: 'access-denied', error: 'denied' }),
        segment({ collector: 'instances', status: 'timeout' }),
      ]),
    );
    // Order of the files must not change which copy wins.
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const inv = await readInventory(order);
      const byKey = new Map(inv.images.map((i) => [`${i.account}/${i.imageId}`, i]));
      expect(inv.images).toHaveLength(4);
      expect(byKey.get(`${ACCOUNT_A}/ami-1`)?.name).toBe('new');
      expect(byKey.get(`${ACCOUNT_B}/ami-1`)?.name).toBe('same id, other account');
      expect(inv.collectedAt).toBe('2026-01-02T00:00:00Z');
      expect([...inv.requestedAccounts].sort()).toEqual([ACCOUNT_A, ACCOUNT_B]);
      expect([...inv.collectors].sort()).toEqual(['images', 'instances']);
      expect(inv.organization.accounts.map((a) => `${a.id}:${a.name}`).sort()).toEqual([
        `${ACCOUNT_A}:a-renamed`,
        `${ACCOUNT_B}:b`,
      ]);
      expect(inv.organization.ous.map((o) => o.id).sort()).toEqual(['ou-ab12-11111111', 'r-ab12']);
      // A segment that succeeded in one shard beats the same segment failing in another, even a newer one.
      expect(inv.segments.map((s) => `${s.collector}:${s.status}`).sort()).toEqual([
        'images:ok',
        'instances:ok',
      ]);
    }
  });

  it('keeps the later copy when two copies come from the same shard (a resumed collect)', async () => {
    const path = await file(
      'resumed.jsonl',
      jsonl([header(), image('ami-1', { name: 'first' }), image('ami-1', { name: 'second' })]),
    );
    const inv = await readInventory([path]);
    expect(inv.images.map((i) => i.name)).toEqual(['second']);
  });

  it('accepts shards concatenated into one file (each header starts a shard)', async () => {
    const text =
      jsonl([header({ collectedAt: '2026-01-01T00:00:00Z' }), image('ami-1', { name: 'old' })]) +
      jsonl([
        header({ collectedAt: '2026-01-03T00:00:00Z' }),
        image('ami-1', { name: 'new' }),
        image('ami-2'),
      ]);
    const inv = await readInventory([await file('cat.jsonl', text)]);
    expect(inv.images.map((i) => i.name)).toEqual(['new', 'name-ami-2']);
    expect(inv.collectedAt).toBe('2026-01-03T00:00:00Z');
  });

  it('refuses to merge shards of two organizations', async () => {
    const a = await file('org-a.jsonl', jsonl([header()]));
    const other = header({ organization: { id: 'o-zzzzzzzzzz', accounts: [], ous: [] } });
    const b = await file('org-b.jsonl', jsonl([other]));
    expect(await errorLine([a, b])).toBe(
      `${b}:1 cannot merge inventories of different organizations: o-zzzzzzzzzz here, o-abcdefghij in ${a}:1`,
    );
  });

  it('lists the shards of a split that were not given', async () => {
    const one = await file('split-1.jsonl', jsonl([header({ shard: { index: 1, count: 3 } })]));
    const three = await file('split-3.jsonl', jsonl([header({ shard: { index: 3, count: 3 } })]));
    expect((await readInventory([one, three])).missingShards).toEqual(['2/3']);
    const two = await file('split-2.jsonl', jsonl([header({ shard: { index: 2, count: 3 } })]));
    expect((await readInventory([one, two, three])).missingShards).toBeUndefined();
    const unsplit = await file('unsplit.jsonl', jsonl([header()]));
    expect((await readInventory([unsplit])).missingShards).toBeUndefined();
  });

  it.each([
    {
      name: 'shards of different splits',
      headers: [header({ shard: { index: 1, count: 2 } }), header({ shard: { index: 2, count: 3 } })],
      error: /^.*:1 cannot merge shards of different splits: 2\/3 here, 2 shards in .*split-a\.jsonl:1$/,
    },
    {
      name: 'a shard index beyond its count',
      headers: [header({ shard: { index: 3, count: 2 } })],
      error: /:1 header\.shard\.index 3 is greater than its count 2$/,
    },
  ])('rejects $name', async ({ headers, error }) => {
    const paths = [];
    for (const [i, h] of headers.entries()) paths.push(await file(`split-${'ab'[i]}.jsonl`, jsonl([h])));
    expect(await errorLine(paths)).toMatch(error);
  });
});
