import type { IncomingHttpHeaders } from 'node:http';
import { ActionLog } from './action-log.js';
import { ApiError } from './api-error.js';
import type { CallContext } from './context.js';
import { Params } from './params.js';
import { seededRandom } from './rng.js';
import { type EmulatedService, serviceNamed } from './services/registry.js';
import type { EmulatorState } from './state.js';
import { deniedByFault, type FaultTarget, slowFaultDelayMs } from './stores/faults.js';
import type { Session } from './stores/sessions.js';
import { bucketFor, Throttler } from './throttle.js';
import {
  accessDeniedError,
  invalidTokenError,
  missingAuthError,
  regionNotEnabledError,
  serverError,
  throttleError,
  unknownActionError,
} from './wire/errors.js';
import type { Reply } from './wire/reply.js';
import { type Route, routeRequest } from './wire/route.js';

/** Options of the dispatcher (see EmulatorOptions). */
export interface DispatchOptions {
  state: EmulatorState;
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

/** A reply and how long to hold it back (latency plus injected slowness). */
export interface Dispatched {
  reply: Reply;
  delayMs: number;
}

/** One request on its way through the dispatcher. */
interface Call extends FaultTarget {
  route: Route;
  service: EmulatedService;
  requestId: string;
  body: string;
  input: unknown;
  session?: Session;
  delayMs: number;
}

/** Authenticates a request, applies the world's faults and throttling, and runs the service's handler. */
export class Dispatcher {
  readonly stats: EmulatorStats = { calls: 0, throttled: 0, byApi: {} };
  readonly actions = new ActionLog();
  private readonly throttler: Throttler;
  private readonly faultRandom: () => number;
  private readonly latencyRandom: () => number;

  constructor(private readonly opts: DispatchOptions) {
    // Buckets refill on the emulator clock, so a frozen clock makes throttling tests exact.
    this.throttler = new Throttler(() => opts.clock().getTime());
    this.faultRandom = seededRandom(opts.seed);
    this.latencyRandom = seededRandom(opts.seed ^ 0x5bd1e995);
  }

  /** The reply to one request. */
  dispatch(headers: IncomingHttpHeaders, body: string, requestId: string): Dispatched {
    const route = routeRequest(headers);
    const service = serviceNamed(route.service);
    this.actions.recordUserAgent(headers['user-agent']);
    const call: Call = {
      route,
      service,
      requestId,
      body,
      input: undefined,
      action: '',
      account: '',
      region: route.region,
      delayMs: this.latency(),
    };
    return { reply: this.serve(call), delayMs: call.delayMs };
  }

  private latency(): number {
    const l = this.opts.latencyMs;
    if (!l) return 0;
    return l[0] + this.latencyRandom() * (l[1] - l[0]);
  }

  private serve(call: Call): Reply {
    const decoded = call.service.decode(call.body, call.route.target);
    if (decoded instanceof ApiError) return this.fail(call, decoded);
    call.action = decoded.action;
    call.input = decoded.input;
    this.stats.calls++;
    this.stats.byApi[call.action] = (this.stats.byApi[call.action] ?? 0) + 1;
    const refused = this.authenticate(call) ?? this.injectedFault(call);
    if (refused) return this.fail(call, refused);
    return this.invoke(call);
  }

  private fail(call: Call, err: ApiError): Reply {
    return call.service.encodeError(err, call.requestId);
  }

  /** Resolves the signing account; an error when AWS would refuse the call before IAM is consulted. */
  private authenticate(call: Call): ApiError | undefined {
    const { state } = this.opts;
    const name = call.service.name;
    if (!call.route.signed) return missingAuthError(name);
    const accessKeyId = call.route.accessKeyId;
    call.session = state.sessions.get(accessKeyId);
    const explicit = /^AKID([0-9]{12})$/.exec(accessKeyId);
    call.account = call.session?.account ?? explicit?.[1] ?? state.callerAccount;
    if (!state.accounts.has(call.account)) return invalidTokenError(name);
    if (call.service.regional && !state.settings.regionEnabled(call.account, call.region)) {
      return regionNotEnabledError(name);
    }
    if (!call.service.has(call.action)) return unknownActionError(name, call.action);
    this.actions.record(name, call.action);
    return undefined;
  }

  /** Slowness, access-denied, throttling and random server errors, in that order. */
  private injectedFault(call: Call): ApiError | undefined {
    const { faults } = this.opts.state;
    const name = call.service.name;
    call.delayMs += slowFaultDelayMs(faults, call);
    if (deniedByFault(faults, call)) return accessDeniedError(name, call.action);
    if (this.opts.throttle) {
      const params = call.input instanceof Params ? call.input : undefined;
      const { action, account, region, body } = call;
      const { key, spec } = bucketFor(name, { action, account, region, params, body });
      if (!this.throttler.take(key, spec)) {
        this.stats.throttled++;
        return throttleError(name);
      }
    }
    if (faults.errorRate > 0 && this.faultRandom() < faults.errorRate) {
      return serverError(name, this.faultRandom() < 0.5);
    }
    return undefined;
  }

  private invoke(call: Call): Reply {
    const ctx: CallContext = {
      state: this.opts.state,
      account: call.account,
      region: call.region,
      action: call.action,
      requestId: call.requestId,
      accessKeyId: call.route.accessKeyId,
      session: call.session,
      now: this.opts.clock(),
    };
    try {
      return call.service.serve(call.action, ctx, call.input);
    } catch (err) {
      return this.fail(call, err instanceof ApiError ? err : serverError(call.service.name, false));
    }
  }
}
