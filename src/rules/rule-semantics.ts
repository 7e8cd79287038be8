import { InputError } from '../errors.js';
import { isObj } from './plain-object.js';
import { compileUserRegex, namedGroups } from './regex.js';
import { CHECK_TYPES, type CheckType, REMEDIATION_CHECK_TYPES, type RemediationAction } from './schema.js';
import { quote } from './schema-errors.js';
import { locate, type PathSegment, type YamlSource } from './yaml-source.js';

/** Ops whose `value` is required, and what it must be. */
const MATCH_VALUE: Record<string, 'scalar' | 'list' | 'string' | 'regex' | 'comparable' | 'days' | 'none'> = {
  eq: 'scalar',
  ne: 'scalar',
  in: 'list',
  'not-in': 'list',
  glob: 'string',
  regex: 'regex',
  exists: 'none',
  absent: 'none',
  lt: 'comparable',
  gt: 'comparable',
  'older-than-days': 'days',
  'newer-than-days': 'days',
};

/**
 * Checks a rule beyond its JSON Schema: regexes compile (bounded length), retention groups have a family,
 * match conditions carry the value their op needs, and the remediation action fits the check.
 * Works on raw data: parts with the wrong shape were already reported by the schema and are skipped.
 */
export function ruleSemanticErrors(src: YamlSource, index: number, rule: unknown): InputError[] {
  const errors: InputError[] = [];
  if (!isObj(rule) || !isObj(rule.check)) return errors;
  const base: PathSegment[] = ['rules', index];
  const checkPath = [...base, 'check'];
  const check = rule.check;
  const regex = (value: unknown, path: PathSegment[], what: string): RegExp | undefined => {
    if (typeof value !== 'string') return undefined;
    const re = compileUserRegex(value);
    if (re instanceof RegExp) return re;
    errors.push(new InputError(`invalid regex in ${what}: ${re.error}`, locate(src, path)));
    return undefined;
  };

  switch (check.type) {
    case 'naming':
      regex(check.namePattern, [...checkPath, 'namePattern'], 'check.namePattern');
      if (isObj(check.requiredTags)) {
        for (const [key, value] of Object.entries(check.requiredTags)) {
          regex(value, [...checkPath, 'requiredTags', key], `check.requiredTags.${key}`);
        }
      }
      break;
    case 'retention': {
      const groupBy = check.groupBy;
      if (isObj(groupBy) && typeof groupBy.namePattern === 'string') {
        const path = [...checkPath, 'groupBy', 'namePattern'];
        const re = regex(groupBy.namePattern, path, 'check.groupBy.namePattern');
        if (re && !namedGroups(re).includes('family')) {
          errors.push(
            new InputError(
              'check.groupBy.namePattern must contain a (?<family>…) named group that names the image family',
              locate(src, path),
            ),
          );
        }
      }
      break;
    }
    case 'match':
      if (Array.isArray(check.when)) {
        check.when.forEach((cond, i) => {
          errors.push(...matchConditionErrors(src, [...checkPath, 'when', i], `check.when[${i}]`, cond));
        });
      }
      break;
  }

  errors.push(...remediationParamErrors(src, [...base, 'remediation'], rule.remediation));
  const remediation = rule.remediation;
  if (
    isObj(remediation) &&
    typeof remediation.action === 'string' &&
    CHECK_TYPES.includes(check.type as CheckType)
  ) {
    const fits = REMEDIATION_CHECK_TYPES[remediation.action as RemediationAction];
    if (fits && !fits.includes(check.type as CheckType)) {
      const usable = Object.entries(REMEDIATION_CHECK_TYPES)
        .filter(([, types]) => types.includes(check.type as CheckType))
        .map(([action]) => action);
      errors.push(
        new InputError(
          `remediation action ${quote(remediation.action)} does not apply to check type ${check.type} (use one of: ${usable.join(', ')})`,
          locate(src, [...base, 'remediation', 'action']),
        ),
      );
    }
  }
  return errors;
}

function matchConditionErrors(
  src: YamlSource,
  path: PathSegment[],
  name: string,
  cond: unknown,
): InputError[] {
  const errors: InputError[] = [];
  if (!isObj(cond) || typeof cond.op !== 'string') return errors;
  if (typeof cond.key === 'string' && cond.key.split('.').some((s) => s === '')) {
    errors.push(
      new InputError(
        `${name}.key ${quote(cond.key)} has an empty path segment`,
        locate(src, [...path, 'key']),
      ),
    );
  }
  const need = MATCH_VALUE[cond.op];
  if (!need) return errors;
  const valuePath = [...path, 'value'];
  const has = 'value' in cond && cond.value !== undefined;
  const v = cond.value;
  const fail = (msg: string, p = valuePath) => errors.push(new InputError(`${name}.${msg}`, locate(src, p)));
  if (need === 'none') {
    if (has) fail(`value is not used with op ${cond.op}; remove it`);
    return errors;
  }
  if (!has || v === null) {
    fail(`value is required with op ${cond.op}`, path);
    return errors;
  }
  switch (need) {
    case 'scalar':
      if (Array.isArray(v))
        fail(`value must be a single value with op ${cond.op} (use in / not-in for lists)`);
      break;
    case 'list':
      if (!Array.isArray(v)) fail(`value must be a list with op ${cond.op}`);
      break;
    case 'string':
    case 'regex': {
      // glob and regex take one pattern or a list of patterns (any may match).
      const patterns = Array.isArray(v) ? v : [v];
      if (patterns.length === 0 || patterns.some((p) => typeof p !== 'string')) {
        fail(`value must be a ${cond.op} string or a list of them with op ${cond.op}`);
        break;
      }
      if (need === 'string') break;
      patterns.forEach((p, j) => {
        const re = compileUserRegex(p as string);
        if (!(re instanceof RegExp)) {
          const at = Array.isArray(v) ? [...valuePath, j] : valuePath;
          const which = Array.isArray(v) ? `${name}.value[${j}]` : `${name}.value`;
          errors.push(new InputError(`invalid regex in ${which}: ${re.error}`, locate(src, at)));
        }
      });
      break;
    }
    case 'comparable':
      if (typeof v !== 'number' && typeof v !== 'string')
        fail(`value must be a number or an ISO date with op ${cond.op}`);
      break;
    case 'days':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        fail(`value must be a whole number of days (>= 0) with op ${cond.op}`);
      }
      break;
  }
  return errors;
}

/** Parameter rules a schema cannot say: deprecate takes inDays or at; tag keys must be usable on EC2. */
function remediationParamErrors(src: YamlSource, path: PathSegment[], remediation: unknown): InputError[] {
  const errors: InputError[] = [];
  if (!isObj(remediation) || !isObj(remediation.params)) return errors;
  const params = remediation.params;
  const paramsPath = [...path, 'params'];
  if (remediation.action === 'deprecate') {
    if (params.inDays !== undefined && params.at !== undefined) {
      errors.push(
        new InputError('remediation.params takes inDays or at, not both', locate(src, [...paramsPath, 'at'])),
      );
    }
    if (typeof params.at === 'string' && Number.isNaN(Date.parse(params.at))) {
      errors.push(
        new InputError(
          `remediation.params.at must be an ISO 8601 time, got ${quote(params.at)}`,
          locate(src, [...paramsPath, 'at']),
        ),
      );
    }
  }
  if (remediation.action === 'tag' && isObj(params.tags)) {
    for (const key of Object.keys(params.tags)) {
      if (key.length > 128 || key.toLowerCase().startsWith('aws:')) {
        errors.push(
          new InputError(
            `remediation.params.tags key ${quote(key)} is not usable (1-128 characters, no aws: prefix)`,
            locate(src, [...paramsPath, 'tags', key], { key: true }),
          ),
        );
      }
    }
  }
  return errors;
}
