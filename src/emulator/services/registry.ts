import type { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { awsJson } from '../wire/aws-json.js';
import { awsQuery } from '../wire/aws-query.js';
import { ec2Query } from '../wire/ec2-query.js';
import type { Decoded, Protocol } from '../wire/protocol.js';
import type { Reply } from '../wire/reply.js';
import type { ServiceName } from '../wire/route.js';
import { AUTOSCALING_ACTIONS, AUTOSCALING_XMLNS } from './autoscaling.js';
import { EC2_ACTIONS, EC2_XMLNS } from './ec2.js';
import { ORGANIZATIONS_ACTIONS } from './organizations.js';
import { STS_ACTIONS, STS_XMLNS } from './sts.js';

/** A service as the dispatcher sees it: its wire protocol and its action handlers, behind one shape. */
export interface EmulatedService {
  name: ServiceName;
  /** True when calls are refused in a region the account has not enabled. */
  regional: boolean;
  /** Reads the action and the (protocol-specific) input. */
  decode(body: string, target: string | undefined): Decoded<unknown> | ApiError;
  /** True when the emulator serves the action. */
  has(action: string): boolean;
  /** Runs the action's handler on the input `decode` returned and encodes its result. */
  serve(action: string, ctx: CallContext, input: unknown): Reply;
  /** The error reply in the service's wire format. */
  encodeError(err: ApiError, requestId: string): Reply;
}

function defineService<I, O>(
  name: ServiceName,
  regional: boolean,
  protocol: Protocol<I, O>,
  actions: Record<string, (ctx: CallContext, input: I) => O>,
): EmulatedService {
  return {
    name,
    regional,
    decode: (body, target) => protocol.decode(body, target),
    has: (action) => Object.hasOwn(actions, action),
    // The input is what this service's own protocol decoded, so the cast only restores its type.
    serve: (action, ctx, input) => protocol.encode(action, actions[action](ctx, input as I), ctx.requestId),
    encodeError: (err, requestId) => protocol.encodeError(err, requestId),
  };
}

const SERVICES: Record<ServiceName, EmulatedService> = {
  ec2: defineService('ec2', true, ec2Query(EC2_XMLNS), EC2_ACTIONS),
  autoscaling: defineService('autoscaling', true, awsQuery(AUTOSCALING_XMLNS), AUTOSCALING_ACTIONS),
  sts: defineService('sts', false, awsQuery(STS_XMLNS), STS_ACTIONS),
  organizations: defineService('organizations', false, awsJson, ORGANIZATIONS_ACTIONS),
};

/** The emulated service of a routed request. */
export function serviceNamed(name: ServiceName): EmulatedService {
  return SERVICES[name];
}
