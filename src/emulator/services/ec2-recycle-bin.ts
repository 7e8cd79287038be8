import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import { leaf, list } from '../xml.js';

/** ListImagesInRecycleBin: the caller's retained AMIs in the region, optionally only the given ids. */
export function listImagesInRecycleBin(ctx: CallContext, p: Params): string {
  const ids = p.list('ImageId');
  const maxResults = p.int('MaxResults');
  if (maxResults !== undefined) {
    if (ids.length > 0) {
      throw new ApiError(
        'InvalidParameterCombination',
        'The parameter ImageIds cannot be used with MaxResults',
      );
    }
    if (maxResults < 1 || maxResults > 1000) {
      throw new ApiError(
        'InvalidParameterValue',
        `Value ( ${maxResults} ) for parameter maxResults is invalid.`,
      );
    }
  }
  for (const id of ids) {
    if (!/^ami-[0-9a-zA-Z]+$/.test(id)) throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${id}"`);
  }
  const offset = decodeToken(p.get('NextToken'), 'ListImagesInRecycleBin');
  const wanted = new Set(ids);
  // Ids not in the bin are left out, not an error: the bin is a listing, not a lookup.
  const entries = ctx.state.recycleBin
    .list(ctx.account, ctx.region, ctx.now)
    .filter((e) => wanted.size === 0 || wanted.has(e.image.imageId));
  const { items, next } = page(entries, offset, maxResults, 'ListImagesInRecycleBin');
  return (
    list(
      'imageSet',
      items,
      (e) =>
        leaf('imageId', e.image.imageId) +
        leaf('name', e.image.name) +
        leaf('description', e.image.description) +
        leaf('recycleBinEnterTime', e.enterTime) +
        leaf('recycleBinExitTime', e.exitTime),
    ) + leaf('nextToken', next)
  );
}

/** RestoreImageFromRecycleBin: registers the retained AMI again, with its attributes and launch permissions. */
export function restoreImageFromRecycleBin(ctx: CallContext, p: Params): string {
  const imageId = p.get('ImageId');
  if (!imageId) throw new ApiError('MissingParameter', 'The request must contain the parameter ImageId');
  if (!/^ami-[0-9a-zA-Z]+$/.test(imageId))
    throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${imageId}"`);
  const entry = ctx.state.recycleBin.get(imageId, ctx.now);
  if (!entry || entry.image.account !== ctx.account || entry.image.region !== ctx.region) {
    throw new ApiError(
      'InvalidAMIID.NotFound',
      `The image id '[${imageId}]' does not exist in the Recycle Bin`,
    );
  }
  ctx.state.recycleBin.release(entry);
  if (entry.image.state === 'disabled') entry.image.state = 'available';
  ctx.state.images.add(entry.image);
  return '<return>true</return>';
}
