import { createHash } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import { actionDefinition } from '../catalog/action-registry.js';
import { CHECK_TYPES, checkModule, checkSchema } from '../catalog/check-registry.js';
import { InputError, InputErrors, quote, type SourceLocation } from '../errors.js';
import { validatorFor } from '../validator.js';
import { canonicalJson } from './canonical-json.js';
import { expandYamlPaths, sortErrors } from './files.js';
import { isObj } from './plain-object.js';
import { ruleSemanticErrors } from './rule-semantics.js';
import { Rule } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import { locate, readYamlSource, type YamlSource } from './yaml-source.js';

export { defaultRulePaths } from './files.js';

// The file is first checked with `check` reduced to its `type`; the check's parameters are then
// validated against the one schema of that type, so errors name that type instead of six union branches.
const CheckShell = T.Object(
  { type: T.Union(CHECK_TYPES.map((t) => T.Literal(t))) },
  { additionalProperties: true },
);
const RemediationShell = T.Object(
  {
    ...Rule.properties.remediation.properties,
    params: T.Optional(T.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);
const RuleShell = T.Object(
  { ...Rule.properties, check: CheckShell, remediation: T.Optional(RemediationShell) },
  { additionalProperties: false },
);
const RuleFileShell = T.Object({ rules: T.Array(RuleShell) }, { additionalProperties: false });

const RULE_CTX = { listKey: 'rules', entity: 'rule' } as const;

/** Everything found while loading rule files; `errors` is empty when the rules can be used. */
export interface RuleLoadResult {
  rules: Rule[];
  files: string[];
  errors: InputError[];
  /** Where each rule id was first defined (including rules that had errors), for exception checks. */
  ids: Map<string, SourceLocation>;
}

/** Validates one parsed rule file; returns its rules (only those without errors) and its errors. */
export function validateRuleSource(
  src: YamlSource,
  ids: Map<string, SourceLocation>,
): { rules: Rule[]; errors: InputError[] } {
  const validate = validatorFor(RuleFileShell);
  const errors: InputError[] = [];
  if (!validate(src.data)) errors.push(...schemaErrors(src, validate.errors ?? [], RULE_CTX));
  const data = src.data;
  const list = isObj(data) && Array.isArray(data.rules) ? data.rules : [];
  const rules: Rule[] = [];
  list.forEach((raw: unknown, i: number) => {
    if (!isObj(raw)) return;
    const before = errors.length;
    const check = raw.check;
    const mod = isObj(check) && typeof check.type === 'string' ? checkModule(check.type) : undefined;
    if (mod) {
      const v = validatorFor(checkSchema(mod));
      if (!v(check))
        errors.push(...schemaErrors(src, v.errors ?? [], { ...RULE_CTX, prefix: ['rules', i, 'check'] }));
    }
    const remediation = raw.remediation;
    if (isObj(remediation) && isObj(remediation.params) && typeof remediation.action === 'string') {
      const schema = actionDefinition(remediation.action)?.params;
      const v = schema && validatorFor(schema);
      if (v && !v(remediation.params)) {
        errors.push(
          ...schemaErrors(src, v.errors ?? [], {
            ...RULE_CTX,
            prefix: ['rules', i, 'remediation', 'params'],
          }),
        );
      }
    }
    errors.push(...ruleSemanticErrors(src, i, raw));
    if (typeof raw.id === 'string') {
      const at = locate(src, ['rules', i, 'id']);
      const first = ids.get(raw.id);
      if (first) {
        errors.push(
          new InputError(
            `duplicate rule id ${quote(raw.id)} (first defined at ${first.file}:${first.line})`,
            at,
          ),
        );
      } else {
        ids.set(raw.id, at);
      }
    }
    if (errors.length === before) {
      const { line } = locate(src, ['rules', i]);
      rules.push({ ...(raw as Omit<Rule, 'source'>), source: { file: src.file, line: line ?? 1 } });
    }
  });
  return { rules, errors };
}

/** Loads rule files and folders, collecting every problem instead of stopping at the first. */
async function collectRules(paths: string[]): Promise<RuleLoadResult> {
  const { files, errors } = await expandYamlPaths(paths);
  const ids = new Map<string, SourceLocation>();
  const rules: Rule[] = [];
  for (const file of files) {
    const read = await readYamlSource(file);
    errors.push(...read.errors);
    if (!read.source) continue;
    const result = validateRuleSource(read.source, ids);
    rules.push(...result.rules);
    errors.push(...result.errors);
  }
  return { rules, files, errors: sortErrors(errors, files), ids };
}

/** Digest of a rule set: "sha256:" + hex of the canonical JSON of the rules sorted by id, without sources. */
export function rulesDigest(rules: Rule[]): string {
  const plain = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ source: _source, ...rest }) => rest);
  return `sha256:${createHash('sha256').update(canonicalJson(plain)).digest('hex')}`;
}

/** Loads and validates rule files and folders; throws InputErrors listing every problem in every file. */
export async function loadRules(
  paths: string[],
): Promise<{ rules: Rule[]; digest: string; files: string[] }> {
  const { rules, files, errors } = await collectRules(paths);
  if (errors.length > 0) throw new InputErrors(errors);
  return { rules, digest: rulesDigest(rules), files };
}
