import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import type { EmuSnapshot } from '../stores/snapshots.js';
import { leaf, list } from '../xml.js';
import { invalidFilter, matchGlobs, matchTagFilter } from './filters.js';

function snapshotNotFound(id: string): ApiError {
  return new ApiError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
}

function isRestorableBy(s: EmuSnapshot, account: string): boolean {
  return (
    s.account === account || s.createVolumePermissions.some((p) => p.group === 'all' || p.userId === account)
  );
}

function renderSnapshot(s: EmuSnapshot, owner: boolean): string {
  return (
    leaf('snapshotId', s.snapshotId) +
    leaf('volumeId', 'vol-ffffffff') +
    leaf('status', 'completed') +
    leaf('startTime', s.startTime) +
    leaf('progress', '100%') +
    leaf('ownerId', s.account) +
    leaf('volumeSize', s.volumeSize) +
    leaf('description', s.description) +
    leaf('encrypted', s.encrypted) +
    leaf('storageTier', s.storageTier) +
    leaf('fullSnapshotSizeInBytes', s.volumeSize * 1024 ** 3) +
    (owner && s.tags.size > 0 ? list('tagSet', s.tags, ([k, v]) => leaf('key', k) + leaf('value', v)) : '')
  );
}

/** DescribeSnapshots: OwnerIds (self / ids), SnapshotIds, a few filters, MaxResults/NextToken. */
export function describeSnapshots(ctx: CallContext, p: Params): string {
  const { state } = ctx;
  const ids = p.list('SnapshotId');
  const owners = p.list('Owner');
  const restorableBy = p.list('RestorableBy');
  const maxResults = p.int('MaxResults');
  if (maxResults !== undefined) {
    if (ids.length > 0)
      throw new ApiError('InvalidParameterCombination', 'SnapshotIds cannot be used with MaxResults');
    if (maxResults < 5 || maxResults > 1000) {
      throw new ApiError(
        'InvalidParameterValue',
        `Value ( ${maxResults} ) for parameter maxResults is invalid.`,
      );
    }
  }
  const offset = decodeToken(p.get('NextToken'), 'DescribeSnapshots');
  let candidates: EmuSnapshot[];
  if (ids.length > 0) {
    candidates = ids.map((id) => {
      const s = state.snapshots.get(id);
      if (!s || s.region !== ctx.region || !isRestorableBy(s, ctx.account)) throw snapshotNotFound(id);
      return s;
    });
  } else {
    const accounts = owners.length > 0 ? owners.map((o) => (o === 'self' ? ctx.account : o)) : [ctx.account];
    candidates = [];
    for (const a of new Set(accounts)) {
      for (const s of state.snapshots.owned(a, ctx.region))
        if (isRestorableBy(s, ctx.account)) candidates.push(s);
    }
  }
  const tests: ((s: EmuSnapshot) => boolean)[] = [];
  for (const who of restorableBy) {
    const acct = who === 'self' ? ctx.account : who;
    tests.push((s) => s.createVolumePermissions.some((p) => p.group === 'all' || p.userId === acct));
  }
  for (const f of p.filters()) {
    if (f.name === 'storage-tier') tests.push((s) => f.values.includes(s.storageTier));
    else if (f.name === 'encrypted') tests.push((s) => f.values.includes(String(s.encrypted)));
    else if (f.name === 'description') {
      const m = matchGlobs(f.values);
      tests.push((s) => m(s.description));
    } else if (f.name === 'snapshot-id') tests.push((s) => f.values.includes(s.snapshotId));
    else if (f.name.startsWith('tag:')) {
      const m = matchTagFilter(f.name.slice(4), f.values);
      tests.push((s) => m(s.tags));
    } else throw invalidFilter(f.name);
  }
  const matched = tests.length === 0 ? candidates : candidates.filter((s) => tests.every((t) => t(s)));
  const { items, next } = page(matched, offset, maxResults, 'DescribeSnapshots');
  return (
    list('snapshotSet', items, (s) => renderSnapshot(s, s.account === ctx.account)) + leaf('nextToken', next)
  );
}

function ownedSnapshot(ctx: CallContext, id: string | undefined): EmuSnapshot {
  if (!id) throw new ApiError('MissingParameter', 'The request must contain the parameter SnapshotId');
  const s = ctx.state.snapshots.get(id);
  if (!s || s.region !== ctx.region || !isRestorableBy(s, ctx.account)) throw snapshotNotFound(id);
  if (s.account !== ctx.account) throw new ApiError('AuthFailure', `Not authorized for snapshot:${id}`, 401);
  return s;
}

/** DescribeSnapshotAttribute: createVolumePermission (and an empty productCodes). */
export function describeSnapshotAttribute(ctx: CallContext, p: Params): string {
  const s = ownedSnapshot(ctx, p.get('SnapshotId'));
  const attr = p.get('Attribute');
  if (attr === 'createVolumePermission') {
    return (
      leaf('snapshotId', s.snapshotId) +
      list(
        'createVolumePermission',
        s.createVolumePermissions,
        (c) => leaf('group', c.group) + leaf('userId', c.userId),
      )
    );
  }
  if (attr === 'productCodes') return leaf('snapshotId', s.snapshotId) + '<productCodes/>';
  throw new ApiError('InvalidParameterValue', `Value (${attr ?? ''}) for parameter attribute is invalid.`);
}

/** ModifySnapshotAttribute createVolumePermission add/remove (remediation of public snapshots). */
export function modifySnapshotAttribute(ctx: CallContext, p: Params): string {
  const s = ownedSnapshot(ctx, p.get('SnapshotId'));
  const parse = (r: Record<string, string>) =>
    r.Group === 'all' ? { group: 'all' as const } : { userId: r.UserId };
  const add = p.structs('CreateVolumePermission.Add').map(parse);
  const remove = p.structs('CreateVolumePermission.Remove').map(parse);
  const op = p.get('OperationType');
  if (op === 'add' || op === 'remove') {
    const flat = [
      ...p.list('UserGroup').map((g) => parse({ Group: g })),
      ...p.list('UserId').map((u) => parse({ UserId: u })),
    ];
    (op === 'add' ? add : remove).push(...flat);
  }
  const same = (a: { group?: string; userId?: string }, b: { group?: string; userId?: string }) =>
    a.group === b.group && a.userId === b.userId;
  s.createVolumePermissions = s.createVolumePermissions.filter((x) => !remove.some((r) => same(x, r)));
  for (const a of add)
    if (!s.createVolumePermissions.some((x) => same(x, a))) s.createVolumePermissions.push(a);
  return '<return>true</return>';
}

/** DeleteSnapshot: refused while a registered image uses it (InvalidSnapshot.InUse, like AWS). */
export function deleteSnapshot(ctx: CallContext, p: Params): string {
  const s = ownedSnapshot(ctx, p.get('SnapshotId'));
  const users = ctx.state.images.usingSnapshot(s.account, s.region, s.snapshotId);
  if (users.length > 0) {
    throw new ApiError(
      'InvalidSnapshot.InUse',
      `The snapshot ${s.snapshotId} is currently in use by ${users[0].imageId}`,
    );
  }
  ctx.state.snapshots.remove(s);
  return '<return>true</return>';
}
