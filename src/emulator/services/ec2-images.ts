import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import type { EmuImage } from '../stores/images.js';
import { leaf, list, node } from '../xml.js';
import { canLaunch, notFound } from './ec2-image-access.js';
import { invalidFilter, matchGlobs, matchTagFilter } from './filters.js';

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

function checkMaxResults(maxResults: number | undefined, withIds: boolean): void {
  if (maxResults === undefined) return;
  if (withIds) {
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

/** The named images; each must exist in the region and be launchable by the caller. */
function imagesById(ctx: CallContext, ids: string[]): EmuImage[] {
  return ids.map((id) => {
    if (!/^ami-[0-9a-zA-Z]+$/.test(id)) throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${id}"`);
    const img = ctx.state.images.get(id);
    if (!img || img.region !== ctx.region || !canLaunch(ctx.state, img, ctx.account)) throw notFound(id);
    return img;
  });
}

/** The caller-visible images of the owners (`self`, account ids, or aliases such as `amazon`). */
function imagesOfOwners(ctx: CallContext, owners: string[]): EmuImage[] {
  const { images } = ctx.state;
  const launchable = (img: EmuImage) => canLaunch(ctx.state, img, ctx.account);
  const seen = new Set<EmuImage>();
  for (const o of owners) {
    if (o === 'self' || o === ctx.account) {
      for (const img of images.owned(ctx.account, ctx.region)) seen.add(img);
    } else if (/^[0-9]{12}$/.test(o)) {
      for (const img of images.owned(o, ctx.region)) if (launchable(img)) seen.add(img);
    } else {
      for (const img of images.shared(ctx.region)) {
        if (img.imageOwnerAlias === o && launchable(img)) seen.add(img);
      }
    }
  }
  return [...seen];
}

/** Every image the caller may see in the region: its own, then those shared with it. */
function visibleImages(ctx: CallContext): EmuImage[] {
  const seen = new Set<EmuImage>(ctx.state.images.owned(ctx.account, ctx.region));
  for (const img of ctx.state.images.shared(ctx.region))
    if (canLaunch(ctx.state, img, ctx.account)) seen.add(img);
  return [...seen];
}

/** ExecutableBy: public (`all`), or launchable by the account through an explicit, org or OU permission. */
function executableBy(ctx: CallContext, executable: string[]): (img: EmuImage) => boolean {
  return (img) =>
    executable.some((e) => {
      if (e === 'all') return isPublic(img);
      const who = e === 'self' ? ctx.account : e;
      return img.launchPermissions.some(
        (lp) => lp.group !== 'all' && ctx.state.organization.permitsAccount(lp, who),
      );
    });
}

/** The predicates an image must pass: ExecutableBy, filters, and the deprecated / disabled defaults. */
function imageTests(ctx: CallContext, p: Params, byId: boolean): ((img: EmuImage) => boolean)[] {
  const tests: ((img: EmuImage) => boolean)[] = [];
  const executable = p.list('ExecutableBy');
  if (executable.length > 0) tests.push(executableBy(ctx, executable));
  for (const f of p.filters()) tests.push(imageFilter(ctx, f.name, f.values));
  const nowIso = ctx.now.toISOString();
  // Asking by id returns deprecated images too, as AWS does.
  if (!(p.bool('IncludeDeprecated') ?? false) && !byId) {
    tests.push((img) => img.deprecationTime === undefined || img.deprecationTime > nowIso);
  }
  if (!(p.bool('IncludeDisabled') ?? false)) tests.push((img) => img.state !== 'disabled');
  return tests;
}

/** DescribeImages: owned, shared and public images visible to the caller, filtered and paginated. */
export function describeImages(ctx: CallContext, p: Params): string {
  const ids = p.list('ImageId');
  const owners = p.list('Owner');
  const maxResults = p.int('MaxResults');
  checkMaxResults(maxResults, ids.length > 0);
  const offset = decodeToken(p.get('NextToken'), 'DescribeImages');
  const candidates =
    ids.length > 0
      ? imagesById(ctx, ids)
      : owners.length > 0
        ? imagesOfOwners(ctx, owners)
        : visibleImages(ctx);
  const tests = imageTests(ctx, p, ids.length > 0);
  const matched = tests.length === 0 ? candidates : candidates.filter((img) => tests.every((t) => t(img)));
  const { items, next } = page(matched, offset, maxResults, 'DescribeImages');
  return (
    list('imagesSet', items, (img) => renderImage(img, img.account === ctx.account)) + leaf('nextToken', next)
  );
}
