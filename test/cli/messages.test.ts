import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const dir = mkdtempSync(join(tmpdir(), 'amiaudit-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const INVENTORY = join(PACKAGE_ROOT, 'test/fixtures/inventory/example.jsonl');

/** Runs the CLI in-process; returns its exit code and what it printed on stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('messages a user can act on', () => {
  it('--out naming a file says a file is in the way, not EEXIST mkdir', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep me');
    const { code, stderr } = await cli(['evaluate', '--inventory', INVENTORY, '--out', file, '--quiet']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${file} cannot create the output folder: a file of that name is in the way, not a folder\n`,
    );
  });

  it.each([
    [
      'remediate',
      ['remediate', '--findings', join(dir, 'missing.json')],
      'cannot read findings: no such file or folder',
    ],
    [
      'evaluate --baseline',
      [
        'evaluate',
        '--inventory',
        INVENTORY,
        '--out',
        join(dir, 'out'),
        '--baseline',
        join(dir, 'missing.json'),
        '--quiet',
      ],
      'cannot read baseline: no such file or folder',
    ],
  ])('%s with a missing file names it in words, not ENOENT', async (_name, args, text) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(`missing.json ${text}`);
    expect(stderr).not.toContain('ENOENT');
  });

  it('an endpoint that is not AWS is named, with what it answered', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><head><meta></head><body>not here</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_REGION: 'us-east-1',
    });
    try {
      const { code, stderr } = await cli([
        'collect',
        '--endpoint-url',
        url,
        '--regions',
        'us-east-1',
        '--output',
        join(dir, 'i.jsonl'),
        '--quiet',
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `amiaudit: ${url} did not answer like AWS STS (sts:GetCallerIdentity, HTTP 404): is it an AWS endpoint or emulator?\n`,
      );
    } finally {
      process.env = env;
      server.close();
    }
  });

  it('--profile that does not exist is named', async () => {
    const env = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_REGION: 'us-east-1',
    });
    try {
      const { code, stderr } = await cli([
        'collect',
        '--profile',
        'nope',
        '--regions',
        'us-east-1',
        '--output',
        join(dir, 'p.jsonl'),
        '--quiet',
      ]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^amiaudit: cannot load AWS credentials from profile "nope": /);
    } finally {
      process.env = env;
    }
  });
});
