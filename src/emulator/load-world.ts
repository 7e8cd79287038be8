import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { type Document, isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { InputError, InputErrors, readFailure } from '../errors.js';
import { type World, WorldSchema } from './world.js';
import { checkReferences } from './world-references.js';

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

/** The schema's errors as InputErrors, one per location (an anyOf is reported once, not per branch). */
function schemaErrors(errs: ErrorObject[], file: string, locate: Locate): InputError[] {
  const all = errs.map((e) => ({
    e,
    path:
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
        : e.instancePath,
  }));
  const unions = all.filter((x) => x.e.keyword === 'anyOf').map((x) => x.path);
  const seen = new Set<string>();
  const errors: InputError[] = [];
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
  return errors;
}

/** Validates a world object (already parsed); errors carry FILE:LINE when `doc` is the YAML it came from. */
export function validateWorld(value: unknown, file = '<world>', doc?: Document, lc?: LineCounter): World {
  const locate = locator(doc, lc);
  const v = validate();
  if (!v(value)) throw new InputErrors(schemaErrors(v.errors ?? [], file, locate));
  const world = value as World;
  const errors: InputError[] = [];
  checkReferences(world, (path, msg) => errors.push(new InputError(msg, { file, ...locate(path) })));
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
