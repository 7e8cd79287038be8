import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { Params } from '../params.js';
import { leaf, list } from '../xml.js';
import { OK, ownedImage } from './ec2-image-access.js';

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
