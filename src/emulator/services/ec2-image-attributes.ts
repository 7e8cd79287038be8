import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { Params } from '../params.js';
import type { LaunchPermission } from '../stores/launch-permission.js';
import { leaf, list, node } from '../xml.js';
import { OK, ownedImage } from './ec2-image-access.js';

function renderPermission(p: LaunchPermission): string {
  return (
    leaf('group', p.group) +
    leaf('userId', p.userId) +
    leaf('organizationArn', p.organizationArn) +
    leaf('organizationalUnitArn', p.organizationalUnitArn)
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
