import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import type { EmulatorState } from '../state.js';
import type { EmuImage } from '../stores/images.js';
import type { LaunchPermission } from '../stores/launch-permission.js';
import { leaf, list, node } from '../xml.js';
import { invalidFilter, matchGlobs, matchTagFilter } from './filters.js';

const OK = '<return>true</return>';

function notFound(imageId: string): ApiError {
  return new ApiError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
}

/** True when `account` may launch `img` (owner, explicit user, org, OU or public). */
function canLaunch(state: EmulatorState, img: EmuImage, account: string): boolean {
  if (img.account === account) return true;
  return img.launchPermissions.some((p) => state.organization.permitsAccount(p, account));
}

/** The image, owned by the caller; AuthFailure when it exists but is someone else's (AWS does the same). */
function ownedImage(ctx: CallContext, imageId: string | undefined): EmuImage {
  if (!imageId) throw new ApiError('MissingParameter', 'The request must contain the parameter ImageId');
  if (!/^ami-[0-9a-zA-Z]+$/.test(imageId))
    throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${imageId}"`);
  const img = ctx.state.images.get(imageId);
  if (!img || img.region !== ctx.region) throw notFound(imageId);
  if (img.account !== ctx.account) {
    if (canLaunch(ctx.state, img, ctx.account)) {
      throw new ApiError('AuthFailure', `Not authorized for image:${imageId}`, 401);
    }
    throw notFound(imageId);
  }
  return img;
}

function renderPermission(p: LaunchPermission): string {
  return (
    leaf('group', p.group) +
    leaf('userId', p.userId) +
    leaf('organizationArn', p.organizationArn) +
    leaf('organizationalUnitArn', p.organizationalUnitArn)
  );
}

function isPublic(img: EmuImage): boolean {
  return img.launchPermissions.some((p) => p.group === 'all');
}

function renderImage(img: EmuImage, owner: boolean): string {
  const devices = list('blockDeviceMapping', img.blockDevices, (d) => {
    const ebs =
      leaf('snapshotId', d.snapshotId) +
      leaf('volumeSize', d.volumeSize) +
      leaf('deleteOnTermination', true) +
      leaf('volumeType', d.volumeType) +
      leaf('encrypted', d.encrypted);
    return leaf('deviceName', d.deviceName) + node('ebs', ebs);
  });
  // Consumers of a shared AMI never see the owner's tags; AWS hides them the same way.
  const tags =
    owner && img.tags.size > 0 ? list('tagSet', img.tags, ([k, v]) => leaf('key', k) + leaf('value', v)) : '';
  return (
    leaf('imageId', img.imageId) +
    leaf('imageLocation', `${img.account}/${img.name}`) +
    leaf('imageState', img.state) +
    leaf('imageOwnerId', img.account) +
    leaf('creationDate', img.creationDate) +
    leaf('isPublic', isPublic(img)) +
    leaf('architecture', img.architecture) +
    leaf('imageType', 'machine') +
    leaf('platform', img.platform) +
    leaf('platformDetails', img.platform === 'windows' ? 'Windows' : 'Linux/UNIX') +
    leaf('usageOperation', img.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances') +
    leaf('imageOwnerAlias', img.imageOwnerAlias) +
    leaf('name', img.name) +
    leaf('description', img.description) +
    leaf('rootDeviceType', 'ebs') +
    leaf('rootDeviceName', img.blockDevices[0]?.deviceName ?? '/dev/xvda') +
    devices +
    leaf('virtualizationType', 'hvm') +
    tags +
    leaf('hypervisor', 'xen') +
    leaf('enaSupport', true) +
    leaf('bootMode', 'uefi-preferred') +
    leaf('imdsSupport', 'v2.0') +
    leaf('deprecationTime', img.deprecationTime) +
    leaf('deregistrationProtection', img.deregistrationProtection ? 'enabled' : 'disabled') +
    leaf('lastLaunchedTime', owner ? img.lastLaunchedTime : undefined) +
    leaf('sourceImageId', img.sourceImageId) +
    leaf('sourceImageRegion', img.sourceImageRegion)
  );
}

function imageFilter(ctx: CallContext, name: string, values: string[]): (img: EmuImage) => boolean {
  switch (name) {
    case 'is-public':
      return (img) => values.includes(String(isPublic(img)));
    case 'name': {
      const m = matchGlobs(values);
      return (img) => m(img.name);
    }
    case 'description': {
      const m = matchGlobs(values);
      return (img) => m(img.description ?? '');
    }
    case 'state':
      return (img) => values.includes(img.state);
    case 'image-id': {
      const m = matchGlobs(values);
      return (img) => m(img.imageId);
    }
    case 'owner-id':
      return (img) => values.includes(img.account);
    case 'owner-alias':
      return (img) => img.imageOwnerAlias !== undefined && values.includes(img.imageOwnerAlias);
    case 'architecture':
      return (img) => values.includes(img.architecture);
    case 'platform':
      return (img) => values.includes(img.platform ?? '');
    case 'image-type':
      return () => values.includes('machine');
    case 'source-image-id':
      return (img) => img.sourceImageId !== undefined && values.includes(img.sourceImageId);
    case 'tag-key':
      return (img) => img.account === ctx.account && values.some((v) => img.tags.has(v));
    default:
      if (name.startsWith('tag:')) {
        const f = matchTagFilter(name.slice(4), values);
        return (img) => img.account === ctx.account && f(img.tags);
      }
      throw invalidFilter(name);
  }
}

/** DescribeImages: owned, shared and public images visible to the caller, filtered and paginated. */
export function describeImages(ctx: CallContext, p: Params): string {
  const { state } = ctx;
  const ids = p.list('ImageId');
  const owners = p.list('Owner');
  const executable = p.list('ExecutableBy');
  const maxResults = p.int('MaxResults');
  const includeDeprecated = p.bool('IncludeDeprecated') ?? false;
  const includeDisabled = p.bool('IncludeDisabled') ?? false;
  if (maxResults !== undefined) {
    if (ids.length > 0) {
      throw new ApiError(
        'InvalidParameterCombination',
        'The parameter ImageIds cannot be used with MaxResults',
      );
    }
    if (maxResults < 5 || maxResults > 1000) {
      throw new ApiError(
        'InvalidParameterValue',
        `Value ( ${maxResults} ) for parameter maxResults is invalid.`,
      );
    }
  }
  const offset = decodeToken(p.get('NextToken'), 'DescribeImages');

  let candidates: EmuImage[];
  if (ids.length > 0) {
    candidates = [];
    for (const id of ids) {
      if (!/^ami-[0-9a-zA-Z]+$/.test(id)) throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${id}"`);
      const img = state.images.get(id);
      if (!img || img.region !== ctx.region || !canLaunch(state, img, ctx.account)) throw notFound(id);
      candidates.push(img);
    }
  } else if (owners.length > 0) {
    const seen = new Set<EmuImage>();
    for (const o of owners) {
      if (o === 'self' || o === ctx.account) {
        for (const img of state.images.owned(ctx.account, ctx.region)) seen.add(img);
      } else if (/^[0-9]{12}$/.test(o)) {
        for (const img of state.images.owned(o, ctx.region))
          if (canLaunch(state, img, ctx.account)) seen.add(img);
      } else {
        for (const img of state.images.shared(ctx.region)) {
          if (img.imageOwnerAlias === o && canLaunch(state, img, ctx.account)) seen.add(img);
        }
      }
    }
    candidates = [...seen];
  } else {
    const seen = new Set<EmuImage>(state.images.owned(ctx.account, ctx.region));
    for (const img of state.images.shared(ctx.region)) if (canLaunch(state, img, ctx.account)) seen.add(img);
    candidates = [...seen];
  }

  const tests: ((img: EmuImage) => boolean)[] = [];
  if (executable.length > 0) {
    tests.push((img) =>
      executable.some((e) => {
        if (e === 'all') return isPublic(img);
        const who = e === 'self' ? ctx.account : e;
        return img.launchPermissions.some(
          (lp) => lp.group !== 'all' && state.organization.permitsAccount(lp, who),
        );
      }),
    );
  }
  for (const f of p.filters()) tests.push(imageFilter(ctx, f.name, f.values));
  const nowIso = ctx.now.toISOString();
  if (!includeDeprecated && ids.length === 0) {
    tests.push((img) => img.deprecationTime === undefined || img.deprecationTime > nowIso);
  }
  if (!includeDisabled) tests.push((img) => img.state !== 'disabled');
  const matched = tests.length === 0 ? candidates : candidates.filter((img) => tests.every((t) => t(img)));

  const { items, next } = page(matched, offset, maxResults, 'DescribeImages');
  return (
    list('imagesSet', items, (img) => renderImage(img, img.account === ctx.account)) + leaf('nextToken', next)
  );
}

/** DescribeImageAttribute: launchPermission, description, lastLaunchedTime, deregistrationProtection, … */
export function describeImageAttribute(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  const attr = p.get('Attribute');
  const value = (tag: string, v: string | undefined) => node(tag, v === undefined ? '' : leaf('value', v));
  let body: string;
  switch (attr) {
    case 'launchPermission':
      body = list('launchPermission', img.launchPermissions, renderPermission);
      break;
    case 'description':
      body = value('description', img.description);
      break;
    case 'lastLaunchedTime':
      body = value('lastLaunchedTime', img.lastLaunchedTime);
      break;
    case 'deregistrationProtection':
      body = value('deregistrationProtection', img.deregistrationProtection ? 'enabled' : 'disabled');
      break;
    case 'blockDeviceMapping':
      body = list(
        'blockDeviceMapping',
        img.blockDevices,
        (d) =>
          leaf('deviceName', d.deviceName) +
          node(
            'ebs',
            leaf('snapshotId', d.snapshotId) +
              leaf('volumeSize', d.volumeSize) +
              leaf('encrypted', d.encrypted),
          ),
      );
      break;
    case 'productCodes':
      body = '<productCodes/>';
      break;
    case 'kernel':
    case 'ramdisk':
    case 'sriovNetSupport':
    case 'uefiData':
      body = node(attr, '');
      break;
    case 'bootMode':
      body = value('bootMode', 'uefi-preferred');
      break;
    case 'tpmSupport':
      body = node('tpmSupport', '');
      break;
    case 'imdsSupport':
      body = value('imdsSupport', 'v2.0');
      break;
    default:
      throw new ApiError(
        'InvalidParameterValue',
        `Value (${attr ?? ''}) for parameter attribute is invalid.`,
      );
  }
  return leaf('imageId', img.imageId) + body;
}

function parsePermission(rec: Record<string, string>): LaunchPermission {
  if (rec.Group !== undefined) {
    if (rec.Group !== 'all') throw new ApiError('InvalidParameterValue', `Invalid group: ${rec.Group}`);
    return { group: 'all' };
  }
  if (rec.UserId !== undefined) {
    if (!/^[0-9]{12}$/.test(rec.UserId))
      throw new ApiError('InvalidUserID.Malformed', `Invalid user id: ${rec.UserId}`);
    return { userId: rec.UserId };
  }
  if (rec.OrganizationArn !== undefined) return { organizationArn: rec.OrganizationArn };
  if (rec.OrganizationalUnitArn !== undefined) return { organizationalUnitArn: rec.OrganizationalUnitArn };
  throw new ApiError(
    'InvalidParameterValue',
    'A launch permission needs Group, UserId, OrganizationArn or OrganizationalUnitArn',
  );
}

function samePermission(a: LaunchPermission, b: LaunchPermission): boolean {
  return (
    a.group === b.group &&
    a.userId === b.userId &&
    a.organizationArn === b.organizationArn &&
    a.organizationalUnitArn === b.organizationalUnitArn
  );
}

/** ModifyImageAttribute: launch permission add/remove (structured or legacy form) and description. */
export function modifyImageAttribute(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  const description = p.get('Description.Value');
  if (description !== undefined) {
    img.description = description;
    return OK;
  }
  const add = p.structs('LaunchPermission.Add').map(parsePermission);
  const remove = p.structs('LaunchPermission.Remove').map(parsePermission);
  // The older flat form: Attribute=launchPermission&OperationType=add&UserId.1=…&UserGroup.1=all
  const op = p.get('OperationType');
  if (op === 'add' || op === 'remove') {
    const flat: LaunchPermission[] = [
      ...p.list('UserGroup').map((g) => parsePermission({ Group: g })),
      ...p.list('UserId').map((u) => parsePermission({ UserId: u })),
      ...p.list('OrganizationArn').map((a) => ({ organizationArn: a })),
      ...p.list('OrganizationalUnitArn').map((a) => ({ organizationalUnitArn: a })),
    ];
    (op === 'add' ? add : remove).push(...flat);
  }
  if (add.length === 0 && remove.length === 0) {
    if (p.get('Attribute') === 'description' && p.get('Value') !== undefined) {
      img.description = p.get('Value');
      return OK;
    }
    throw new ApiError('MissingParameter', 'No attributes specified.');
  }
  if (add.length > 0 && img.state === 'disabled') {
    throw new ApiError('OperationNotPermitted', `You can't share the disabled image ${img.imageId}.`);
  }
  if (
    add.some((x) => x.group === 'all') &&
    ctx.state.settings.imageBlockPublicAccess(ctx.account, ctx.region) !== 'unblocked'
  ) {
    throw new ApiError(
      'OperationNotPermitted',
      "You can't publicly share this image because block public access for AMIs is enabled for this account.",
    );
  }
  img.launchPermissions = img.launchPermissions.filter((x) => !remove.some((r) => samePermission(x, r)));
  for (const a of add)
    if (!img.launchPermissions.some((x) => samePermission(x, a))) img.launchPermissions.push(a);
  ctx.state.images.reindexSharing(img);
  return OK;
}

/** ResetImageAttribute: only launchPermission can be reset (AWS rejects the others too). */
export function resetImageAttribute(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  if (p.get('Attribute') !== 'launchPermission') {
    throw new ApiError(
      'InvalidParameterValue',
      `Value (${p.get('Attribute') ?? ''}) for parameter attribute is invalid.`,
    );
  }
  img.launchPermissions = [];
  ctx.state.images.reindexSharing(img);
  return OK;
}

/** EnableImageDeprecation: rejects times in the past; AWS rounds to the minute. */
export function enableImageDeprecation(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  const at = new Date(p.get('DeprecateAt') ?? '');
  if (Number.isNaN(at.getTime()))
    throw new ApiError('MissingParameter', 'The request must contain the parameter DeprecateAt');
  if (at.getTime() <= ctx.now.getTime()) {
    throw new ApiError('InvalidParameterValue', 'The DeprecateAt time must be in the future.');
  }
  if (at.getTime() > ctx.now.getTime() + 10 * 365.25 * 86_400_000) {
    throw new ApiError(
      'InvalidParameterValue',
      'The DeprecateAt time cannot be more than 10 years in the future.',
    );
  }
  at.setUTCSeconds(0, 0);
  img.deprecationTime = at.toISOString();
  return OK;
}

/** DisableImageDeprecation. */
export function disableImageDeprecation(ctx: CallContext, p: Params): string {
  ownedImage(ctx, p.get('ImageId')).deprecationTime = undefined;
  return OK;
}

/** DisableImage: state disabled and every launch permission removed (EnableImage does not restore them). */
export function disableImage(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  img.state = 'disabled';
  img.launchPermissions = [];
  ctx.state.images.reindexSharing(img);
  return OK;
}

/** EnableImage. */
export function enableImage(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  if (img.state === 'disabled') img.state = 'available';
  return OK;
}

/** DeregisterImage, optionally deleting the snapshots no other image uses. */
export function deregisterImage(ctx: CallContext, p: Params): string {
  const img = ownedImage(ctx, p.get('ImageId'));
  if (img.deregistrationProtection) {
    throw new ApiError(
      'OperationNotPermitted',
      `Image ${img.imageId} cannot be deregistered because deregistration protection is enabled.`,
    );
  }
  // A matching Recycle Bin rule retains the AMI; its snapshots are deleted below all the same.
  const retention = ctx.state.recycleBin.retentionDays(img.account, img.region);
  ctx.state.images.remove(img);
  if (retention !== undefined) ctx.state.recycleBin.retain(img, ctx.now, retention);
  if (!p.bool('DeleteAssociatedSnapshots')) return OK;
  const results: { id: string; code: string }[] = [];
  for (const d of img.blockDevices) {
    if (!d.snapshotId) continue;
    const snap = ctx.state.snapshots.get(d.snapshotId);
    if (!snap) results.push({ id: d.snapshotId, code: 'missing-permissions' });
    else if (ctx.state.images.usingSnapshot(snap.account, snap.region, d.snapshotId).length > 0)
      results.push({ id: d.snapshotId, code: 'skipped' });
    else {
      ctx.state.snapshots.remove(snap);
      results.push({ id: d.snapshotId, code: 'success' });
    }
  }
  return (
    OK +
    list('deleteSnapshotResultSet', results, (r) => leaf('snapshotId', r.id) + leaf('returnCode', r.code))
  );
}

/** EnableImageDeregistrationProtection / DisableImageDeregistrationProtection. */
export function setDeregistrationProtection(enabled: boolean) {
  return (ctx: CallContext, p: Params): string => {
    const img = ownedImage(ctx, p.get('ImageId'));
    img.deregistrationProtection = enabled;
    return leaf('return', enabled ? 'enabled' : 'disabled');
  };
}
