import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { Params } from '../params.js';
import { ALL_REGIONS, isOptInRegion } from '../regions.js';
import type { ImageBpaState } from '../stores/account-settings.js';
import { leaf, list } from '../xml.js';
import { invalidFilter } from './filters.js';

/** DescribeRegions: enabled regions, or every region with its opt-in status when AllRegions=true. */
export function describeRegions(ctx: CallContext, p: Params): string {
  const all = p.bool('AllRegions') ?? false;
  const names = p.list('RegionName');
  const enabled = ctx.state.settings.regions(ctx.account);
  const known = new Set([...ALL_REGIONS, ...(enabled ?? [])]);
  const status = (r: string) =>
    enabled?.has(r) ? (isOptInRegion(r) ? 'opted-in' : 'opt-in-not-required') : 'not-opted-in';
  for (const n of names) {
    if (!known.has(n)) throw new ApiError('InvalidParameterValue', `Invalid region name: ${n}`);
  }
  let regions = [...known].filter((r) => (names.length > 0 ? names.includes(r) : true));
  if (!all) regions = regions.filter((r) => status(r) !== 'not-opted-in');
  for (const f of p.filters()) {
    if (f.name === 'opt-in-status') regions = regions.filter((r) => f.values.includes(status(r)));
    else if (f.name === 'region-name') regions = regions.filter((r) => f.values.includes(r));
    else if (f.name !== 'endpoint') throw invalidFilter(f.name);
  }
  return list(
    'regionInfo',
    regions,
    (r) =>
      leaf('regionName', r) +
      leaf('regionEndpoint', `ec2.${r}.amazonaws.com`) +
      leaf('optInStatus', status(r)),
  );
}

/** GetImageBlockPublicAccessState. */
export function getImageBlockPublicAccessState(ctx: CallContext): string {
  return (
    leaf('imageBlockPublicAccessState', ctx.state.settings.imageBlockPublicAccess(ctx.account, ctx.region)) +
    leaf('managedBy', 'account')
  );
}

/** GetSnapshotBlockPublicAccessState. */
export function getSnapshotBlockPublicAccessState(ctx: CallContext): string {
  return (
    leaf('state', ctx.state.settings.snapshotBlockPublicAccess(ctx.account, ctx.region)) +
    leaf('managedBy', 'account')
  );
}

/** EnableImageBlockPublicAccess: only block-new-sharing exists. */
export function enableImageBlockPublicAccess(ctx: CallContext, p: Params): string {
  const v = p.get('ImageBlockPublicAccessState');
  if (v !== 'block-new-sharing') {
    throw new ApiError(
      'InvalidParameterValue',
      `Value (${v ?? ''}) for parameter ImageBlockPublicAccessState is invalid.`,
    );
  }
  ctx.state.settings.setImageBlockPublicAccess(ctx.account, ctx.region, v as ImageBpaState);
  return leaf('imageBlockPublicAccessState', v);
}

/** DisableImageBlockPublicAccess. */
export function disableImageBlockPublicAccess(ctx: CallContext): string {
  ctx.state.settings.setImageBlockPublicAccess(ctx.account, ctx.region, 'unblocked');
  return leaf('imageBlockPublicAccessState', 'unblocked');
}
