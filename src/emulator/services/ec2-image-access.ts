import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import type { EmulatorState } from '../state.js';
import type { EmuImage } from '../stores/images.js';

/** The body EC2 answers for a mutation that succeeded. */
export const OK = '<return>true</return>';

/** The error for an image id that does not exist (or that the caller may not see). */
export function notFound(imageId: string): ApiError {
  return new ApiError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
}

/** True when `account` may launch `img` (owner, explicit user, org, OU or public). */
export function canLaunch(state: EmulatorState, img: EmuImage, account: string): boolean {
  if (img.account === account) return true;
  return img.launchPermissions.some((p) => state.organization.permitsAccount(p, account));
}

/** The image, owned by the caller; AuthFailure when it exists but is someone else's (AWS does the same). */
export function ownedImage(ctx: CallContext, imageId: string | undefined): EmuImage {
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
