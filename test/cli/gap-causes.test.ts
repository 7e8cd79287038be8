import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld } from '../../src/emulator/index.js';
import { causeOf, gapCauses } from '../../src/findings/gap-causes.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-gap-causes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env };
  Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1' });
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    stderr += String(c);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main([...args, '--endpoint-url', emulator.url]), stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
    process.env = env;
  }
}

describe('gaps grouped by cause', () => {
  it('an account id inside the error does not split a cause', () => {
    const gaps = ['222222222222', '333333333333', '444444444444'].map((account) => ({
      account,
      region: '*',
      collector: 'assume-role',
      error: `User: arn:aws:iam::111111111111:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/Wrong`,
    }));
    expect(new Set(gaps.map((g) => causeOf(g.error))).size).toBe(1);
    const causes = gapCauses(gaps, 4);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ status: 'assume-failed', gaps: 3 });
    expect(causes[0].hint).toBe(
      "AssumeRole failed in 3 of 4 accounts: check --role-name, --external-id and the role's trust policy",
    );
  });

  it('a scan with a wrong --role-name prints one line per cause with a hint, not one per account', async () => {
    const r = await run([
      'scan',
      '--org',
      '--regions',
      'us-east-1',
      '--role-name',
      'Wrong',
      '--out',
      join(dir, 'scan'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/AssumeRole failed in 6 of 7 accounts: check --role-name/);
    expect(r.stderr.match(/AssumeRole failed in/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/accounts: 222222222222, 333333333333, 444444444444 and 3 more/);
  });

  it("a run in which no account-region's images were collected is fatal: exit 2, the previous inventory kept", async () => {
    const out = join(dir, 'nothing');
    mkdirSync(out, { recursive: true });
    const previous = '{"kind":"header","note":"a good earlier inventory"}\n';
    writeFileSync(join(out, 'inventory.jsonl'), previous);
    const r = await run([
      'collect',
      '--accounts',
      '222222222222,333333333333',
      '--regions',
      'us-east-1',
      '--role-name',
      'Wrong',
      '--output',
      join(out, 'inventory.jsonl'),
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /no account-region's images were collected \(2 gaps; AssumeRole failed in 2 of 2 accounts/,
    );
    expect(readFileSync(join(out, 'inventory.jsonl'), 'utf8')).toBe(previous);
  });
});
