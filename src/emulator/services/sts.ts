import { randomBytes } from 'node:crypto';
import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { Params } from '../params.js';
import { leaf, node } from '../xml.js';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function callerArn(ctx: CallContext): string {
  const partition = ctx.state.partition;
  return ctx.session
    ? `arn:${partition}:sts::${ctx.account}:assumed-role/${ctx.session.roleName}/${ctx.session.sessionName}`
    : `arn:${partition}:iam::${ctx.account}:user/emulator`;
}

function accessDenied(ctx: CallContext, roleArn: string): ApiError {
  return new ApiError(
    'AccessDenied',
    `User: ${callerArn(ctx)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}

/** AssumeRole: credentials whose access key id routes later calls to the role's account. */
function assumeRole(ctx: CallContext, p: Params): string {
  const roleArn = p.get('RoleArn') ?? '';
  const sessionName = p.get('RoleSessionName') ?? '';
  if (!sessionName) throw new ApiError('ValidationError', 'RoleSessionName is required', 400);
  const m = /^arn:(aws[a-z-]*):iam::([0-9]{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
  if (!m) throw new ApiError('ValidationError', `${roleArn} is invalid`, 400);
  const [, partition, target, roleName] = m;
  // Like AWS: a role ARN of another partition names no role this partition has.
  if (partition !== ctx.state.partition) throw accessDenied(ctx, roleArn);
  const acct = ctx.state.accounts.get(target);
  if (
    acct?.status !== 'ACTIVE' ||
    !acct.roles.has(roleName) ||
    ctx.state.faults.assumeRoleDenied.has(target) ||
    (acct.externalId !== undefined && p.get('ExternalId') !== acct.externalId)
  ) {
    throw accessDenied(ctx, roleArn);
  }
  const duration = p.int('DurationSeconds') ?? 3600;
  if (duration < 900 || duration > 43_200) {
    throw new ApiError('ValidationError', `DurationSeconds ${duration} must be between 900 and 43200`, 400);
  }
  const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  ctx.state.sessions.set(accessKeyId, { account: target, roleName, sessionName });
  const expiration = new Date(ctx.now.getTime() + duration * 1000).toISOString();
  const roleId = `AROA${target}`;
  return (
    node(
      'Credentials',
      leaf('AccessKeyId', accessKeyId) +
        leaf('SecretAccessKey', randomBytes(20).toString('base64')) +
        leaf('SessionToken', `emulator-${randomBytes(24).toString('base64')}`) +
        leaf('Expiration', expiration),
    ) +
    node(
      'AssumedRoleUser',
      leaf('AssumedRoleId', `${roleId}:${sessionName}`) +
        leaf('Arn', `arn:${ctx.state.partition}:sts::${target}:assumed-role/${roleName}/${sessionName}`),
    ) +
    leaf('PackedPolicySize', 0)
  );
}

/** GetCallerIdentity. */
function getCallerIdentity(ctx: CallContext): string {
  const userId = ctx.session ? `AROA${ctx.account}:${ctx.session.sessionName}` : `AIDA${ctx.account}`;
  return leaf('UserId', userId) + leaf('Account', ctx.account) + leaf('Arn', callerArn(ctx));
}

export const STS_ACTIONS: Record<string, (ctx: CallContext, p: Params) => string> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: (ctx) => getCallerIdentity(ctx),
};
