import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * The one HTTP handler every client of a session shares: keep-alive agents with a socket per call
 * in flight, a connect timeout of at most 10 s, and `timeoutMs` per request.
 */
export function createRequestHandler(concurrency: number, timeoutMs: number): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: concurrency, maxTotalSockets: concurrency };
  return new NodeHttpHandler({
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: Math.min(timeoutMs, 10_000),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  });
}
