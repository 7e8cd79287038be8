import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error.js';
import type { CallContext } from './context.js';
import { Params } from './params.js';
import { seededRandom } from './rng.js';
import { AUTOSCALING_ACTIONS, AUTOSCALING_XMLNS } from './services/autoscaling.js';
import { EC2_ACTIONS, EC2_XMLNS } from './services/ec2.js';
import { ORGANIZATIONS_ACTIONS } from './services/organizations.js';
import { STS_ACTIONS, STS_XMLNS } from './services/sts.js';
import type { EmulatorState } from './state.js';
import {
  AUTOSCALING_BUCKET,
  type BucketSpec,
  ec2Bucket,
  ORGANIZATIONS_BUCKET,
  STS_BUCKET,
  Throttler,
} from './throttle.js';
import { esc } from './xml.js';

type Service = 'ec2' | 'autoscaling' | 'sts' | 'organizations';

/** Options of the HTTP layer (see EmulatorOptions). */
export interface ServerOptions {
  state: EmulatorState;
  port: number;
  latencyMs?: [number, number];
  throttle: boolean;
  seed: number;
  clock: () => Date;
}

/** Counters a benchmark or test reads after a run. */
export interface EmulatorStats {
  calls: number;
  throttled: number;
  byApi: Record<string, number>;
}

interface Reply {
  status: number;
  body: string;
  contentType: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const CREDENTIAL = /Credential=([^/,\s]+)\/[^/]*\/([^/]+)\/([^/]+)\/aws4_request/;

const SERVICES: Record<string, Service> = {
  ec2: 'ec2',
  autoscaling: 'autoscaling',
  sts: 'sts',
  organizations: 'organizations',
};

function xml(status: number, body: string): Reply {
  return { status, body: XML_HEAD + body, contentType: 'text/xml;charset=UTF-8' };
}

function errorReply(service: Service, err: ApiError, requestId: string): Reply {
  const msg = esc(err.message);
  const code = esc(err.code);
  if (service === 'ec2') {
    return xml(
      err.status,
      `<Response><Errors><Error><Code>${code}</Code><Message>${msg}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    );
  }
  if (service === 'organizations') {
    return {
      status: err.status,
      body: JSON.stringify({ __type: err.code, Message: err.message }),
      contentType: 'application/x-amz-json-1.1',
    };
  }
  const ns = service === 'sts' ? STS_XMLNS : AUTOSCALING_XMLNS;
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return xml(
    err.status,
    `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${msg}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

function throttleError(service: Service): ApiError {
  switch (service) {
    case 'ec2':
      return new ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'organizations':
      return new ApiError(
        'TooManyRequestsException',
        'You have sent too many requests in too short a period of time.',
      );
    default:
      return new ApiError('Throttling', 'Rate exceeded', 400);
  }
}

function accessDeniedError(service: Service, action: string): ApiError {
  switch (service) {
    case 'ec2':
      return new ApiError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    case 'organizations':
      return new ApiError('AccessDeniedException', "You don't have permissions to access this resource.");
    default:
      return new ApiError('AccessDenied', `User is not authorized to perform: ${service}:${action}`, 403);
  }
}

function serverError(service: Service, unavailable: boolean): ApiError {
  if (service === 'ec2') {
    return unavailable
      ? new ApiError('Unavailable', 'The server is overloaded and cannot handle the request.', 503)
      : new ApiError('InternalError', 'An internal error has occurred.', 500);
  }
  if (service === 'organizations') {
    return new ApiError(
      'ServiceException',
      "AWS Organizations can't complete your request because of an internal service error.",
      unavailable ? 503 : 500,
    );
  }
  return unavailable
    ? new ApiError('ServiceUnavailable', 'Service is unavailable.', 503)
    : new ApiError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The HTTP side of the emulator: routes each signed request to its service and applies faults and throttling. */
export class EmulatorServer {
  readonly stats: EmulatorStats = { calls: 0, throttled: 0, byApi: {} };
  private readonly throttler: Throttler;
  private readonly faultRandom: () => number;
  private readonly latencyRandom: () => number;
  private readonly server = createServer({ keepAlive: true }, (req, res) => {
    this.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      }
    });
  });
  private requestCounter = 0;

  constructor(private readonly opts: ServerOptions) {
    // Buckets refill on the emulator clock, so a frozen clock makes throttling tests exact.
    this.throttler = new Throttler(() => opts.clock().getTime());
    this.faultRandom = seededRandom(opts.seed);
    this.latencyRandom = seededRandom(opts.seed ^ 0x5bd1e995);
    // The SDK keeps sockets alive; a server that closes idle sockets first causes ECONNRESET on reuse.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  /** Binds to 127.0.0.1 and resolves with the chosen port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting requests and drops idle keep-alive sockets. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private nextRequestId(): string {
    const n = (++this.requestCounter).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestId = this.nextRequestId();
    const started = performance.now();
    const { reply, delayMs } = this.dispatch(req, body, requestId);
    const wait = delayMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': requestId,
    });
    res.end(reply.body);
  }

  private latency(): number {
    const l = this.opts.latencyMs;
    if (!l) return 0;
    return l[0] + this.latencyRandom() * (l[1] - l[0]);
  }

  private dispatch(req: IncomingMessage, body: string, requestId: string): { reply: Reply; delayMs: number } {
    const { state } = this.opts;
    const auth = CREDENTIAL.exec(String(req.headers.authorization ?? ''));
    const target = req.headers['x-amz-target'];
    const service: Service =
      (auth && SERVICES[auth[3]]) ||
      (typeof target === 'string' && target.startsWith('AWSOrganizations') ? 'organizations' : 'ec2');
    const region = auth?.[2] ?? 'us-east-1';
    const accessKeyId = auth?.[1] ?? '';
    let delayMs = this.latency();
    const fail = (err: ApiError) => ({ reply: errorReply(service, err, requestId), delayMs });

    let params: Params | undefined;
    let json: Record<string, unknown> = {};
    let action: string;
    if (service === 'organizations') {
      action = typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
      try {
        json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        return fail(new ApiError('SerializationException', 'The request body is not valid JSON.'));
      }
    } else {
      params = new Params(body);
      action = params.get('Action') ?? '';
    }
    this.stats.calls++;
    this.stats.byApi[action] = (this.stats.byApi[action] ?? 0) + 1;

    if (!auth) {
      return fail(
        new ApiError(
          service === 'ec2' ? 'AuthFailure' : 'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          403,
        ),
      );
    }
    const session = state.sessions.get(accessKeyId);
    const explicit = /^AKID([0-9]{12})$/.exec(accessKeyId);
    const account = session?.account ?? explicit?.[1] ?? state.callerAccount;
    if (!state.accounts.has(account)) {
      return fail(
        new ApiError(
          service === 'ec2' ? 'AuthFailure' : 'InvalidClientTokenId',
          'The security token included in the request is invalid.',
          403,
        ),
      );
    }
    if ((service === 'ec2' || service === 'autoscaling') && !state.regionEnabled(account, region)) {
      // What AWS answers in a region the account has not opted in to.
      return fail(
        service === 'ec2'
          ? new ApiError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
          : new ApiError(
              'InvalidClientTokenId',
              'The security token included in the request is invalid.',
              403,
            ),
      );
    }

    const handlers: Record<string, unknown> =
      service === 'ec2'
        ? EC2_ACTIONS
        : service === 'sts'
          ? STS_ACTIONS
          : service === 'autoscaling'
            ? AUTOSCALING_ACTIONS
            : ORGANIZATIONS_ACTIONS;
    if (!Object.hasOwn(handlers, action)) {
      return fail(
        service === 'organizations'
          ? new ApiError(
              'UnknownOperationException',
              `The action ${action} is not valid for this web service.`,
            )
          : new ApiError('InvalidAction', `The action ${action} is not valid for this web service.`),
      );
    }

    for (const s of state.faults.slow) {
      if (
        (s.api === undefined || s.api === action) &&
        (s.account === undefined || s.account === account) &&
        (s.region === undefined || s.region === region)
      ) {
        delayMs += s.delayMs;
      }
    }
    for (const d of state.faults.accessDenied) {
      if (
        d.account === account &&
        (d.region === undefined || d.region === region) &&
        (d.api === '*' || d.api === action)
      ) {
        return fail(accessDeniedError(service, action));
      }
    }
    if (this.opts.throttle) {
      let spec: BucketSpec;
      let key: string;
      if (service === 'ec2') {
        const unpaginated =
          params !== undefined &&
          !params.has('MaxResults') &&
          !/(^|&)(Filter|InstanceId|SnapshotId)\./.test(body);
        spec = ec2Bucket(action, unpaginated);
        key = `${account}|${region}|ec2|${spec === ec2Bucket(action, false) ? action : `${action}:unpaginated`}`;
      } else if (service === 'sts') {
        spec = STS_BUCKET;
        key = `${account}|${region}|sts`;
      } else if (service === 'organizations') {
        spec = ORGANIZATIONS_BUCKET;
        key = `${account}|organizations|${action}`;
      } else {
        spec = AUTOSCALING_BUCKET;
        key = `${account}|${region}|autoscaling|${action}`;
      }
      if (!this.throttler.take(key, spec)) {
        this.stats.throttled++;
        return fail(throttleError(service));
      }
    }
    if (state.faults.errorRate > 0 && this.faultRandom() < state.faults.errorRate) {
      return fail(serverError(service, this.faultRandom() < 0.5));
    }

    const ctx: CallContext = {
      state,
      account,
      region,
      action,
      requestId,
      accessKeyId,
      session,
      now: this.opts.clock(),
    };
    try {
      if (service === 'organizations') {
        const out = ORGANIZATIONS_ACTIONS[action](ctx, json);
        return {
          reply: { status: 200, body: JSON.stringify(out), contentType: 'application/x-amz-json-1.1' },
          delayMs,
        };
      }
      const p = params as Params;
      if (service === 'ec2') {
        const inner = EC2_ACTIONS[action](ctx, p);
        return {
          reply: xml(
            200,
            `<${action}Response xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${inner}</${action}Response>`,
          ),
          delayMs,
        };
      }
      const ns = service === 'sts' ? STS_XMLNS : AUTOSCALING_XMLNS;
      const inner = service === 'sts' ? STS_ACTIONS[action](ctx, p) : AUTOSCALING_ACTIONS[action](ctx, p);
      return {
        reply: xml(
          200,
          `<${action}Response xmlns="${ns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
        ),
        delayMs,
      };
    } catch (err) {
      if (err instanceof ApiError) return fail(err);
      return fail(serverError(service, false));
    }
  }
}
