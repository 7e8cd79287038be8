import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { InputError } from '../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The proxy settings of an environment: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case, upper first). */
export interface ProxySettings {
  https?: URL;
  http?: URL;
  /** NO_PROXY entries, lower case: `*`, a host, `.domain` or `domain` (the domain and its subdomains), with an optional `:port`. */
  noProxy: string[];
}

function envOf(env: Env, name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v?.trim() ? v.trim() : undefined;
}

function proxyUrl(env: Env, name: string): URL | undefined {
  const raw = envOf(env, name);
  if (!raw) return undefined;
  let url: URL;
  try {
    // A proxy given as host:port (no scheme) is an HTTP proxy, as curl takes it.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new InputError(`${name}: ${JSON.stringify(raw)} is not a proxy URL (expected http://HOST:PORT)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${name}: ${url.protocol} proxies are not supported (use an http:// or https:// proxy)`,
    );
  }
  return url;
}

/** Reads the proxy settings of `env`; a malformed proxy URL is an input error. */
export function proxySettingsOf(env: Env): ProxySettings {
  const https = proxyUrl(env, 'HTTPS_PROXY');
  const http = proxyUrl(env, 'HTTP_PROXY');
  const noProxy = (envOf(env, 'NO_PROXY') ?? '')
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return { ...(https ? { https } : {}), ...(http ? { http } : {}), noProxy };
}

/** Whether NO_PROXY exempts a host (and port) from the proxy. */
export function bypassesProxy(noProxy: readonly string[], host: string, port: number): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (m?.[1] ?? entry).replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (m?.[2] !== undefined && Number(m[2]) !== port) return false;
    const bare = name.replace(/^\./, '');
    return h === bare || h.endsWith(`.${bare}`);
  });
}

/** The proxy a request to `protocol://host:port` goes through, or undefined for a direct connection. */
export function proxyFor(settings: ProxySettings, protocol: 'http:' | 'https:', host: string, port: number) {
  const proxy = protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || bypassesProxy(settings.noProxy, host, port)) return undefined;
  return proxy;
}

/** The Proxy-Authorization header of a proxy URL with credentials (`http://user:pass@proxy:3128`). */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** What a tunnel needs of the socket options the agent passes to createConnection. */
export interface TunnelTarget {
  host: string;
  port: number;
  /** Wrap the tunnel in TLS (an https target); the other TLS options (ca, servername) come along. */
  tls?: Record<string, unknown>;
  timeoutMs: number;
}

/**
 * Opens a connection to `target` through an HTTP CONNECT tunnel of `proxy`, then TLS over it for an
 * https target. Calls back with the socket, or with an error naming the proxy and its answer.
 */
export function openTunnel(
  proxy: URL,
  target: TunnelTarget,
  callback: (err: Error | null, socket?: Socket) => void,
) {
  const authority = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `proxy ${proxy.protocol}//${proxy.host}`;
  let done = false;
  const finish = (err: Error | null, socket?: Socket) => {
    if (done) return;
    done = true;
    callback(err, socket);
  };
  const req = send({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT',
    path: authority,
    headers: { Host: authority, ...proxyAuthorization(proxy) },
    timeout: target.timeoutMs,
    agent: false,
  });
  req.once('connect', (res: IncomingMessage, socket: Socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      finish(new Error(`${where} refused CONNECT ${authority}: HTTP ${res.statusCode}`));
      return;
    }
    if (!target.tls) {
      finish(null, socket);
      return;
    }
    const secure = tlsConnect({
      ...target.tls,
      socket,
      servername: String(target.tls.servername ?? target.host),
    });
    secure.once('secureConnect', () => finish(null, secure));
    secure.once('error', (err) => finish(err));
  });
  req.once('timeout', () =>
    req.destroy(new Error(`${where} did not answer CONNECT ${authority} within ${target.timeoutMs} ms`)),
  );
  req.once('error', (err) =>
    finish(
      Object.assign(new Error(`${where}: ${err.message}`), { code: (err as NodeJS.ErrnoException).code }),
    ),
  );
  req.end();
}
