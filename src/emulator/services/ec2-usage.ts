import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import type { EmuInstance, EmuLaunchTemplate } from '../stores/ec2-usage.js';
import { leaf, list, node } from '../xml.js';
import { invalidFilter, matchGlobs, matchTagFilter } from './filters.js';

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function checkMax(max: number | undefined, lo: number, hi: number, withIds: boolean, idsName: string): void {
  if (max === undefined) return;
  if (withIds)
    throw new ApiError(
      'InvalidParameterCombination',
      `The parameter ${idsName} cannot be used with MaxResults`,
    );
  if (max < lo || max > hi)
    throw new ApiError('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid.`);
}

function renderInstance(i: EmuInstance): string {
  return (
    leaf('instanceId', i.instanceId) +
    leaf('imageId', i.imageId) +
    node('instanceState', leaf('code', STATE_CODES[i.state] ?? 16) + leaf('name', i.state)) +
    leaf('instanceType', i.instanceType) +
    leaf('launchTime', i.launchTime) +
    node('placement', leaf('availabilityZone', `${i.region}a`) + leaf('tenancy', 'default')) +
    leaf('architecture', 'x86_64') +
    leaf('rootDeviceType', 'ebs') +
    (i.tags.size > 0 ? list('tagSet', i.tags, ([k, v]) => leaf('key', k) + leaf('value', v)) : '')
  );
}

/** DescribeInstances: one reservation per instance; filters instance-state-name, image-id, instance-id, tag:. */
export function describeInstances(ctx: CallContext, p: Params): string {
  const ids = p.list('InstanceId');
  const max = p.int('MaxResults');
  checkMax(max, 5, 1000, ids.length > 0, 'InstanceIds');
  const offset = decodeToken(p.get('NextToken'), 'DescribeInstances');
  let items = ctx.state.usage.instances(ctx.account, ctx.region);
  if (ids.length > 0) {
    for (const id of ids) {
      if (!items.some((i) => i.instanceId === id)) {
        throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
      }
    }
    items = items.filter((i) => ids.includes(i.instanceId));
  }
  for (const f of p.filters()) {
    if (f.name === 'instance-state-name') items = items.filter((i) => f.values.includes(i.state));
    else if (f.name === 'image-id') items = items.filter((i) => f.values.includes(i.imageId));
    else if (f.name === 'instance-id') items = items.filter((i) => f.values.includes(i.instanceId));
    else if (f.name.startsWith('tag:')) {
      const m = matchTagFilter(f.name.slice(4), f.values);
      items = items.filter((i) => m(i.tags));
    } else throw invalidFilter(f.name);
  }
  const { items: pageItems, next } = page(items, offset, max, 'DescribeInstances');
  return (
    list(
      'reservationSet',
      pageItems,
      (i) =>
        leaf('reservationId', `r-${i.instanceId.slice(2)}`) +
        leaf('ownerId', i.account) +
        '<groupSet/>' +
        list('instancesSet', [i], renderInstance),
    ) + leaf('nextToken', next)
  );
}

function templateTimes(lt: EmuLaunchTemplate): string {
  return (
    leaf('createTime', '2025-01-01T00:00:00.000Z') + leaf('createdBy', `arn:aws:iam::${lt.account}:root`)
  );
}

function latest(lt: EmuLaunchTemplate): number {
  return lt.versions[lt.versions.length - 1].number;
}

/** DescribeLaunchTemplates: by ids, names or all; MaxResults 1–200. */
export function describeLaunchTemplates(ctx: CallContext, p: Params): string {
  const ids = p.list('LaunchTemplateId');
  const names = p.list('LaunchTemplateName');
  const max = p.int('MaxResults');
  checkMax(max, 1, 200, ids.length > 0 || names.length > 0, 'LaunchTemplateIds');
  const offset = decodeToken(p.get('NextToken'), 'DescribeLaunchTemplates');
  const all = ctx.state.usage.launchTemplates(ctx.account, ctx.region);
  let items = all;
  if (ids.length > 0 || names.length > 0) {
    items = all.filter((lt) => ids.includes(lt.launchTemplateId) || names.includes(lt.name));
    for (const id of ids) {
      if (!all.some((lt) => lt.launchTemplateId === id)) {
        throw new ApiError(
          'InvalidLaunchTemplateId.NotFound',
          `The specified launch template, with template ID ${id}, does not exist.`,
        );
      }
    }
    for (const n of names) {
      if (!all.some((lt) => lt.name === n)) {
        throw new ApiError(
          'InvalidLaunchTemplateName.NotFoundException',
          `At least one of the launch templates specified in the request does not exist.`,
        );
      }
    }
  }
  for (const f of p.filters()) {
    if (f.name === 'launch-template-name') {
      const m = matchGlobs(f.values);
      items = items.filter((lt) => m(lt.name));
    } else throw invalidFilter(f.name);
  }
  const { items: pageItems, next } = page(items, offset, max, 'DescribeLaunchTemplates');
  return (
    list(
      'launchTemplates',
      pageItems,
      (lt) =>
        leaf('launchTemplateId', lt.launchTemplateId) +
        leaf('launchTemplateName', lt.name) +
        templateTimes(lt) +
        leaf('defaultVersionNumber', lt.defaultVersion) +
        leaf('latestVersionNumber', latest(lt)),
    ) + leaf('nextToken', next)
  );
}

interface VersionRow {
  lt: EmuLaunchTemplate;
  number: number;
  imageId?: string;
}

const SSM_ALIAS = 'resolve:ssm:';

/** DescribeLaunchTemplateVersions: one template (all or chosen versions) or $Latest/$Default of every template. */
export function describeLaunchTemplateVersions(ctx: CallContext, p: Params): string {
  const id = p.get('LaunchTemplateId');
  const name = p.get('LaunchTemplateName');
  const versions = p.list('LaunchTemplateVersion');
  const max = p.int('MaxResults');
  if (max !== undefined && (max < 1 || max > 200)) {
    throw new ApiError('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid.`);
  }
  const offset = decodeToken(p.get('NextToken'), 'DescribeLaunchTemplateVersions');
  const all = ctx.state.usage.launchTemplates(ctx.account, ctx.region);
  const pick = (lt: EmuLaunchTemplate, v: string): VersionRow[] => {
    const n = v === '$Latest' ? latest(lt) : v === '$Default' ? lt.defaultVersion : Number(v);
    const ver = lt.versions.find((x) => x.number === n);
    if (!ver) {
      throw new ApiError(
        'InvalidLaunchTemplateId.VersionNotFound',
        `Could not find launch template version ${v} for launch template ${lt.launchTemplateId}.`,
      );
    }
    return [{ lt, number: ver.number, imageId: ver.imageId }];
  };
  let rows: VersionRow[];
  if (id === undefined && name === undefined) {
    if (versions.length === 0 || versions.some((v) => v !== '$Latest' && v !== '$Default')) {
      throw new ApiError(
        'MissingParameter',
        'The request must contain the parameter LaunchTemplateId or LaunchTemplateName, or Versions limited to $Latest and $Default.',
      );
    }
    rows = [];
    for (const lt of all) {
      const seen = new Set<number>();
      for (const v of versions) {
        for (const r of pick(lt, v)) {
          if (!seen.has(r.number)) rows.push(r);
          seen.add(r.number);
        }
      }
    }
  } else {
    const lt = all.find((t) => (id !== undefined ? t.launchTemplateId === id : t.name === name));
    if (!lt) {
      if (id !== undefined) {
        throw new ApiError(
          'InvalidLaunchTemplateId.NotFound',
          `The specified launch template, with template ID ${id}, does not exist.`,
        );
      }
      throw new ApiError(
        'InvalidLaunchTemplateName.NotFoundException',
        `The specified launch template, with template name ${name}, does not exist.`,
      );
    }
    if (versions.length > 0) {
      const seen = new Set<number>();
      rows = versions.flatMap((v) => pick(lt, v)).filter((r) => !seen.has(r.number) && seen.add(r.number));
    } else {
      const lo = p.int('MinVersion') ?? 1;
      const hi = p.int('MaxVersion') ?? Number.MAX_SAFE_INTEGER;
      rows = lt.versions
        .filter((v) => v.number >= lo && v.number <= hi)
        .map((v) => ({ lt, number: v.number, imageId: v.imageId }))
        .reverse();
    }
  }
  for (const f of p.filters()) {
    if (f.name === 'image-id')
      rows = rows.filter((r) => r.imageId !== undefined && f.values.includes(r.imageId));
    else if (f.name === 'is-default-version')
      rows = rows.filter((r) => f.values.includes(String(r.number === r.lt.defaultVersion)));
    else throw invalidFilter(f.name);
  }
  if (p.get('ResolveAlias') === 'true') {
    // Like AWS: an image id of the form resolve:ssm:NAME is answered with the parameter's value.
    rows = rows.map((r) => {
      const name = r.imageId?.startsWith(SSM_ALIAS) ? r.imageId.slice(SSM_ALIAS.length) : undefined;
      const value = name ? ctx.state.usage.ssmParameter(ctx.account, ctx.region, name) : undefined;
      return value ? { ...r, imageId: value } : r;
    });
  }
  const { items, next } = page(rows, offset, max, 'DescribeLaunchTemplateVersions');
  return (
    list(
      'launchTemplateVersionSet',
      items,
      (r) =>
        leaf('launchTemplateId', r.lt.launchTemplateId) +
        leaf('launchTemplateName', r.lt.name) +
        leaf('versionNumber', r.number) +
        templateTimes(r.lt) +
        leaf('defaultVersion', r.number === r.lt.defaultVersion) +
        node('launchTemplateData', leaf('imageId', r.imageId) + leaf('instanceType', 't3.micro')),
    ) + leaf('nextToken', next)
  );
}
