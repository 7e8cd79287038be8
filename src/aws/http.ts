import { readFileSync } from 'node:fs';
import { type AgentOptions, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { InputError } from '../errors.js';
import { openTunnel, type ProxySettings, proxyFor, proxySettingsOf } from './proxy.js';

type Env = Readonly<Record<string, string | undefined>>;
type ConnectOptions = Record<string, unknown> & { host?: string; hostname?: string; port?: number | string };
type Created = (err: Error | null, socket?: Socket) => void;
/** Agent#createConnection: documented by Node, absent from @types/node's Agent. */
type CreateConnection = (this: unknown, options: ConnectOptions, callback: Created) => Socket | undefined;
const httpConnect = (HttpAgent.prototype as unknown as { createConnection: CreateConnection })
  .createConnection;
const httpsConnect = (HttpsAgent.prototype as unknown as { createConnection: CreateConnection })
  .createConnection;

function targetOf(options: ConnectOptions, defaultPort: number) {
  return {
    host: String(options.host ?? options.hostname ?? 'localhost'),
    port: Number(options.port || defaultPort),
  };
}

/**
 * Node's agents do not read HTTPS_PROXY/HTTP_PROXY (and the SDK's own handler does not either): these
 * open the connection of a proxied target through a CONNECT tunnel, the others as Node does.
 */
class ProxiedHttpAgent extends HttpAgent {
  constructor(
    options: AgentOptions,
    private readonly proxies: ProxySettings,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  createConnection(options: ConnectOptions, callback: Created): Socket | undefined {
    const target = targetOf(options, 80);
    const proxy = proxyFor(this.proxies, 'http:', target.host, target.port);
    if (!proxy) return httpConnect.call(this, options, callback);
    openTunnel(proxy, { ...target, timeoutMs: this.timeoutMs }, callback);
    return undefined;
  }
}

class ProxiedHttpsAgent extends HttpsAgent {
  constructor(
    options: ConstructorParameters<typeof HttpsAgent>[0],
    private readonly proxies: ProxySettings,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  createConnection(options: ConnectOptions, callback: Created): Socket | undefined {
    const target = targetOf(options, 443);
    const proxy = proxyFor(this.proxies, 'https:', target.host, target.port);
    if (!proxy) return httpsConnect.call(this, options, callback);
    openTunnel(proxy, { ...target, tls: options, timeoutMs: this.timeoutMs }, callback);
    return undefined;
  }
}

/**
 * The CA certificates of AWS_CA_BUNDLE (a PEM file), which replace Node's bundled roots as they do for
 * the AWS CLI; undefined when it is not set. An unreadable file is an input error.
 */
export function caBundleOf(env: Env): Buffer | undefined {
  const path = env.AWS_CA_BUNDLE?.trim();
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError(
      `AWS_CA_BUNDLE: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

/**
 * The one HTTP handler every client of a session shares: keep-alive agents with a socket per call
 * in flight, a connect timeout of at most 10 s, and `timeoutMs` per request. The agents honour
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and AWS_CA_BUNDLE, of `env`.
 */
export function createRequestHandler(concurrency: number, timeoutMs: number, env: Env = {}): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: concurrency, maxTotalSockets: concurrency };
  const proxies = proxySettingsOf(env);
  const ca = caBundleOf(env);
  return new NodeHttpHandler({
    httpAgent: new ProxiedHttpAgent(agentOptions, proxies, timeoutMs),
    httpsAgent: new ProxiedHttpsAgent({ ...agentOptions, ...(ca ? { ca } : {}) }, proxies, timeoutMs),
    connectionTimeout: Math.min(timeoutMs, 10_000),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  });
}
