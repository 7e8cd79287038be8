import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld } from '../../src/emulator/index.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';

// A corporate network in miniature: an HTTP CONNECT proxy and a TLS front with its own CA, both in
// front of the emulator, so the shared agent's proxy and CA-bundle handling run over real sockets.
const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-network-'));
const CA = join(import.meta.dirname, '../fixtures/tls/localhost.pem');
const KEY = join(import.meta.dirname, '../fixtures/tls/localhost.key');

const listen = (server: Server | NetServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
const pipeTo = (port: number, client: Socket, head?: Buffer) => {
  const upstream = connect(port, '127.0.0.1', () => {
    if (head?.length) upstream.write(head);
    client.pipe(upstream).pipe(client);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  return upstream;
};

const tunnels: string[] = [];
let proxyUrl = '';
let tlsUrl = '';
const servers: (Server | NetServer)[] = [];

beforeAll(async () => {
  const emuPort = Number(new URL(emulator.url).port);
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const front = createTlsServer({ key: readFileSync(KEY), cert: readFileSync(CA) }, (s) =>
    pipeTo(emuPort, s),
  );
  servers.push(proxy, front);
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  tlsUrl = `https://127.0.0.1:${await listen(front)}`;
});
afterAll(async () => {
  for (const s of servers) {
    (s as Server).closeAllConnections?.();
    await new Promise((r) => s.close(r));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `amiaudit collect` against `endpoint` with extra environment; returns its exit code and stderr. */
async function collect(endpoint: string, extraEnv: Record<string, string>, name: string) {
  const env = { ...process.env };
  for (const k of [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NO_PROXY',
    'no_proxy',
    'AWS_CA_BUNDLE',
  ])
    delete process.env[k];
  Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1', ...extraEnv });
  let stderr = '';
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const output = join(dir, `${name}.jsonl`);
  try {
    const code = await main([
      'collect',
      '--endpoint-url',
      endpoint,
      '--regions',
      'us-east-1',
      '--output',
      output,
      '--timeout-ms',
      '5000',
      '--quiet',
    ]);
    return { code, stderr, output };
  } finally {
    quiet.mockRestore();
    process.env = env;
  }
}

describe('the shared HTTP agent on a corporate network', () => {
  it('sends every call through HTTP_PROXY as a CONNECT tunnel', async () => {
    tunnels.length = 0;
    const r = await collect(emulator.url, { HTTP_PROXY: proxyUrl }, 'proxied');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(r.output)).toBe(true);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(new Set(tunnels)).toEqual(new Set([new URL(emulator.url).host]));
  });

  it('connects directly to hosts NO_PROXY names', async () => {
    tunnels.length = 0;
    const r = await collect(
      emulator.url,
      { HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' },
      'direct',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(tunnels).toEqual([]);
  });

  it('trusts the CAs of AWS_CA_BUNDLE, and without it refuses a certificate Node does not trust', async () => {
    const trusted = await collect(tlsUrl, { AWS_CA_BUNDLE: CA }, 'tls');
    expect(trusted.code, trusted.stderr).toBe(0);
    const untrusted = await collect(tlsUrl, {}, 'tls-untrusted');
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(
      /TLS certificate is signed by a CA this machine does not trust .*self[- ]signed certificate.*set AWS_CA_BUNDLE/,
    );
  });

  it('tunnels TLS through HTTPS_PROXY, verifying the endpoint against AWS_CA_BUNDLE', async () => {
    tunnels.length = 0;
    const r = await collect(tlsUrl, { HTTPS_PROXY: proxyUrl, AWS_CA_BUNDLE: CA }, 'tls-proxied');
    expect(r.code, r.stderr).toBe(0);
    expect(new Set(tunnels)).toEqual(new Set([new URL(tlsUrl).host]));
  });

  it('an unreadable AWS_CA_BUNDLE is a one-line input error, exit 2', async () => {
    const r = await collect(tlsUrl, { AWS_CA_BUNDLE: join(dir, 'missing.pem') }, 'no-bundle');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AWS_CA_BUNDLE: cannot read .*missing\.pem: ENOENT/);
  });
});
