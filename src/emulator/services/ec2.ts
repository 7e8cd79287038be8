import type { CallContext } from '../context.js';
import type { Params } from '../params.js';
import {
  describeRegions,
  disableImageBlockPublicAccess,
  enableImageBlockPublicAccess,
  getImageBlockPublicAccessState,
  getSnapshotBlockPublicAccessState,
} from './ec2-account.js';
import { describeImageAttribute, modifyImageAttribute, resetImageAttribute } from './ec2-image-attributes.js';
import {
  deregisterImage,
  disableImage,
  disableImageDeprecation,
  enableImage,
  enableImageDeprecation,
  setDeregistrationProtection,
} from './ec2-image-lifecycle.js';
import { describeImages } from './ec2-images.js';
import { listImagesInRecycleBin, restoreImageFromRecycleBin } from './ec2-recycle-bin.js';
import {
  deleteSnapshot,
  describeSnapshotAttribute,
  describeSnapshots,
  modifySnapshotAttribute,
} from './ec2-snapshots.js';
import { createTags, deleteTags } from './ec2-tags.js';
import { describeInstances, describeLaunchTemplates, describeLaunchTemplateVersions } from './ec2-usage.js';

/** An EC2 action handler: returns the inner XML of the `<ActionResponse>` element. */
export type Ec2Handler = (ctx: CallContext, p: Params) => string;

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Every EC2 action the emulator serves. */
export const EC2_ACTIONS: Record<string, Ec2Handler> = {
  DescribeRegions: describeRegions,
  DescribeImages: describeImages,
  DescribeImageAttribute: describeImageAttribute,
  ModifyImageAttribute: modifyImageAttribute,
  ResetImageAttribute: resetImageAttribute,
  EnableImageDeprecation: enableImageDeprecation,
  DisableImageDeprecation: disableImageDeprecation,
  DisableImage: disableImage,
  EnableImage: enableImage,
  DeregisterImage: deregisterImage,
  ListImagesInRecycleBin: listImagesInRecycleBin,
  RestoreImageFromRecycleBin: restoreImageFromRecycleBin,
  EnableImageDeregistrationProtection: setDeregistrationProtection(true),
  DisableImageDeregistrationProtection: setDeregistrationProtection(false),
  DescribeInstances: describeInstances,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  DescribeSnapshots: describeSnapshots,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
  ModifySnapshotAttribute: modifySnapshotAttribute,
  DeleteSnapshot: deleteSnapshot,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  GetImageBlockPublicAccessState: getImageBlockPublicAccessState,
  GetSnapshotBlockPublicAccessState: getSnapshotBlockPublicAccessState,
  EnableImageBlockPublicAccess: enableImageBlockPublicAccess,
  DisableImageBlockPublicAccess: (ctx) => disableImageBlockPublicAccess(ctx),
};
