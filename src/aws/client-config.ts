import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { VERSION } from '../version.js';
import { bucketClassOf, type Pacer } from './pacer.js';
import { reuseSigner } from './signer.js';
import type { AwsOptions } from './types.js';

export const DEFAULT_MAX_ATTEMPTS = 6;

/** What every client of a session is configured with, besides its region and credentials. */
export interface ClientCommon {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
  requestHandler: NodeHttpHandler;
  cacheMiddleware: true;
  customUserAgent: string;
}

/** The user-agent suffix of every call, so a security team can recognise the audit in CloudTrail. */
export const USER_AGENT = `amiaudit/${VERSION}`;

/** The config of one client in `region`: shared handler, endpoint override, standard retries. */
export function clientConfig(
  opts: Pick<AwsOptions, 'endpointUrl' | 'maxAttempts'>,
  requestHandler: NodeHttpHandler,
  region: string,
): ClientCommon {
  return {
    region,
    ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler,
    customUserAgent: USER_AGENT,
    // Resolve each command's middleware chain once per client instead of on every send (a sort and
    // ~30 closures per call); the stacks are never modified after a client's first send.
    cacheMiddleware: true,
  };
}

type Handler = (args: unknown) => Promise<unknown>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;

/** The part of a client's middleware stack used here, without the per-service input/output generics. */
interface AnyStack {
  add(
    mw: Middleware,
    options: { step: 'initialize' | 'finalizeRequest'; priority: 'low'; name: string },
  ): void;
}

/** The API name of a command's middleware context (the handler is built once per client and command). */
const apiOf = (context: { commandName?: string }) =>
  String(context.commandName ?? 'Unknown').replace(/Command$/, '');

/** What a session adds to each client it makes. */
export interface ClientHooks {
  onAttempt?: AwsOptions['onAttempt'];
  /** Paces the client's reads through this pacer. */
  readPacer?: Pacer;
}

/** Bucket classes of the calls a read pacer paces: mutations have their own pacer, and STS runs inside other calls' signing. */
const PACED_READS = new Set(['describe', 'organizations']);

/**
 * Prepares a client made for (account, region): an observer of every HTTP attempt, read pacing when
 * asked for, and one reused signer.
 */
export function prepareClient<C extends { config: unknown }>(
  client: C,
  account: string,
  region: string,
  hooks: ClientHooks,
): C {
  const stack = (client as unknown as { middlewareStack: AnyStack }).middlewareStack;
  const { onAttempt, readPacer } = hooks;
  if (readPacer) {
    // initialize runs once per call, outside the retries: one token and one slot per call.
    stack.add(
      (next, context) => {
        const api = apiOf(context);
        if (!PACED_READS.has(bucketClassOf(api))) return next;
        return (args) => readPacer.call(account, region, api, () => next(args));
      },
      { step: 'initialize', priority: 'low', name: 'amiauditReadPacer' },
    );
  }
  if (onAttempt) {
    // finalizeRequest at low priority runs inside the retry middleware: once per HTTP attempt.
    stack.add(
      (next, context) => {
        const api = apiOf(context);
        return async (args) => {
          try {
            const out = await next(args);
            onAttempt(account, region, api, undefined);
            return out;
          } catch (err) {
            onAttempt(account, region, api, err);
            throw err;
          }
        };
      },
      { step: 'finalizeRequest', priority: 'low', name: 'amiauditAttemptObserver' },
    );
  }
  reuseSigner(client);
  return client;
}
