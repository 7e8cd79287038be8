import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { type Document, isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { InputError, InputErrors, readFailure } from '../errors.js';
import { accountId } from './stores/keys.js';
import { isWorldTime } from './time.js';
import { type World, WorldSchema } from './world.js';

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(WorldSchema);
  return validator;
}

type Locate = (path: (string | number)[], key?: boolean) => { line?: number; column?: number };

function locator(doc: Document | undefined, lc: LineCounter | undefined): Locate {
  return (path, key = false) => {
    if (!doc || !lc) return {};
    // Walk up to the nearest existing node so a missing key points at its parent mapping.
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      let target: unknown = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
      if (key && n === path.length && n > 0) {
        const parent = doc.getIn(sub.slice(0, -1), true);
        if (isMap(parent))
          target =
            parent.items.find((p) => isNode(p.key) && String(p.key.toJSON()) === String(sub[n - 1]))?.key ??
            target;
      }
      if (isNode(target) && target.range) {
        const pos = lc.linePos(target.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaMessage(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'world';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `${where}: missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'anyOf':
      return `${where}: does not match any allowed form`;
    default:
      return `${where}: ${e.message ?? 'is invalid'}`;
  }
}

/** Validates a world object (already parsed); errors carry FILE:LINE when `doc` is the YAML it came from. */
export function validateWorld(value: unknown, file = '<world>', doc?: Document, lc?: LineCounter): World {
  const locate = locator(doc, lc);
  const errors: InputError[] = [];
  const v = validate();
  if (!v(value)) {
    // anyOf emits one error per branch: report the union once, at its own location.
    const all = (v.errors ?? []).map((e) => ({
      e,
      path:
        e.keyword === 'additionalProperties'
          ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
          : e.instancePath,
    }));
    const unions = all.filter((x) => x.e.keyword === 'anyOf').map((x) => x.path);
    const seen = new Set<string>();
    for (const { e, path } of all) {
      if (e.keyword !== 'anyOf' && unions.some((u) => path === u || path.startsWith(`${u}/`))) continue;
      if (unions.some((u) => u !== path && path.startsWith(`${u}/`))) continue;
      if (seen.has(path)) continue;
      seen.add(path);
      errors.push(
        new InputError(schemaMessage(e), {
          file,
          ...locate(pathOf(path), e.keyword === 'additionalProperties'),
        }),
      );
    }
    throw new InputErrors(errors);
  }
  const world = value as World;
  const err = (path: (string | number)[], msg: string): void => {
    errors.push(new InputError(msg, { file, ...locate(path) }));
  };

  const accounts = new Map<string, number>();
  world.accounts.forEach((a, i) => {
    const id = accountId(a.id);
    if (accounts.has(id)) err(['accounts', i, 'id'], `accounts[${i}].id: duplicate account ${id}`);
    accounts.set(id, i);
  });
  const org = world.organization;
  const containers = new Set<string>();
  if (org) {
    containers.add(org.rootId ?? '');
    for (const ou of org.ous ?? []) containers.add(ou.id);
    (org.ous ?? []).forEach((ou, i) => {
      if (!containers.has(ou.parentId) || ou.parentId === ou.id) {
        err(
          ['organization', 'ous', i, 'parentId'],
          `organization.ous[${i}].parentId: unknown parent "${ou.parentId}"`,
        );
      }
    });
    if (!accounts.has(accountId(org.managementAccountId))) {
      err(
        ['organization', 'managementAccountId'],
        'organization.managementAccountId: not listed in accounts',
      );
    }
  }
  world.accounts.forEach((a, i) => {
    if (a.parentId !== undefined && (!org || !containers.has(a.parentId))) {
      err(['accounts', i, 'parentId'], `accounts[${i}].parentId: unknown root or OU "${a.parentId}"`);
    }
  });
  if (world.callerAccount !== undefined && !accounts.has(accountId(world.callerAccount))) {
    err(['callerAccount'], 'callerAccount: not listed in accounts');
  }
  const regionsOf = (id: string) => {
    const i = accounts.get(id);
    return i === undefined ? undefined : (world.accounts[i].regions ?? world.regions ?? ['us-east-1']);
  };
  const checkOwner = (section: string, i: number, owner: string | number, region: string): void => {
    const id = accountId(owner);
    const regions = regionsOf(id);
    if (!regions) err([section, i, 'account'], `${section}[${i}].account: unknown account ${id}`);
    else if (!regions.includes(region))
      err([section, i, 'region'], `${section}[${i}].region: ${region} is not enabled for account ${id}`);
  };
  const checkDate = (section: string, i: number, key: string, v: unknown) => {
    if (v !== undefined && !isWorldTime(v)) {
      err(
        [section, i, key],
        `${section}[${i}].${key}: not an ISO 8601 time or now[+-]N(d|h|m): "${String(v)}"`,
      );
    }
  };
  const unique = (section: string, key: string, items: Record<string, unknown>[] | undefined) => {
    const seen = new Set<unknown>();
    (items ?? []).forEach((item, i) => {
      if (seen.has(item[key]))
        err([section, i, key], `${section}[${i}].${key}: duplicate ${String(item[key])}`);
      seen.add(item[key]);
    });
  };
  unique('images', 'imageId', world.images);
  unique('snapshots', 'snapshotId', world.snapshots);
  unique('instances', 'instanceId', world.instances);
  unique('launchTemplates', 'launchTemplateId', world.launchTemplates);
  (world.images ?? []).forEach((img, i) => {
    checkOwner('images', i, img.account, img.region);
    for (const k of ['creationDate', 'deprecationTime', 'lastLaunchedTime'] as const)
      checkDate('images', i, k, img[k]);
  });
  (world.snapshots ?? []).forEach((s, i) => {
    checkOwner('snapshots', i, s.account, s.region);
  });
  (world.instances ?? []).forEach((s, i) => {
    checkOwner('instances', i, s.account, s.region);
  });
  (world.launchTemplates ?? []).forEach((lt, i) => {
    checkOwner('launchTemplates', i, lt.account, lt.region);
    if (lt.defaultVersion !== undefined && !lt.versions.some((v) => v.number === lt.defaultVersion)) {
      err(
        ['launchTemplates', i, 'defaultVersion'],
        `launchTemplates[${i}].defaultVersion: no version ${lt.defaultVersion}`,
      );
    }
  });
  (world.launchConfigurations ?? []).forEach((c, i) => {
    checkOwner('launchConfigurations', i, c.account, c.region);
  });
  (world.recycleBinRules ?? []).forEach((r, i) => {
    checkOwner('recycleBinRules', i, r.account, r.region);
  });
  (world.autoScalingGroups ?? []).forEach((g, i) => {
    checkOwner('autoScalingGroups', i, g.account, g.region);
    const lc = g.launchConfigurationName;
    if (
      lc !== undefined &&
      !(world.launchConfigurations ?? []).some(
        (c) => c.name === lc && accountId(c.account) === accountId(g.account),
      )
    ) {
      err(
        ['autoScalingGroups', i, 'launchConfigurationName'],
        `autoScalingGroups[${i}].launchConfigurationName: unknown launch configuration "${lc}"`,
      );
    }
  });
  if (errors.length > 0) throw new InputErrors(errors);
  return world;
}

/** Reads a YAML world file; every problem is reported with FILE:LINE:COL (InputError/InputErrors). */
export function loadWorld(file: string): World {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read world file: ${readFailure(err)}`, { file }, { cause: err });
  }
  const lc = new LineCounter();
  // The core schema has no timestamp type, so dates stay ISO strings rather than turning into Dates.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputErrors(
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return new InputError(e.message.split('\n')[0], { file, line: pos.line, column: pos.col });
      }),
    );
  }
  return validateWorld(doc.toJS(), file, doc, lc);
}
