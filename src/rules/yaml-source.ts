import { readFile } from 'node:fs/promises';
import {
  CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  parseDocument,
} from 'yaml';
import { InputError, readFailure, type SourceLocation } from '../errors.js';

/** A parsed YAML file that can map a JSON path back to a line and column. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document;
  data: unknown;
  lineCounter: LineCounter;
}

export type PathSegment = string | number;

/** Reads and parses one YAML file; syntax errors come back as located InputErrors (all of them). */
export async function readYamlSource(file: string): Promise<{ source?: YamlSource; errors: InputError[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { errors: [new InputError(`cannot read: ${readFailure(err)}`, { file }, { cause: err })] };
  }
  return parseYamlSource(file, text);
}

/** Parses YAML text (kept separate from reading so tests and callers can parse in memory). */
function parseYamlSource(file: string, text: string): { source?: YamlSource; errors: InputError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      // yaml reports a missing closing quote at the end of the file; point at the opening quote.
      const offset = e.code === 'MISSING_CHAR' ? (unclosedQuoteOffset(text) ?? e.pos[0]) : undefined;
      const pos =
        offset !== undefined
          ? lineCounter.linePos(offset)
          : (e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]));
      // yaml appends " at line N, column M:" and a code excerpt; the location is already in front.
      const first =
        e.code === 'MULTIPLE_DOCS'
          ? 'the file holds more than one YAML document; remove the extra "---"'
          : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return new InputError(`YAML syntax error: ${first}`, { file, line: pos.line, column: pos.col });
    });
    return { errors };
  }
  return { source: { file, text, doc, data: doc.toJS({ maxAliasCount: 100 }), lineCounter }, errors: [] };
}

/** Splits an ajv instancePath ("/rules/0/check") into segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Location of the node at `path`. With `key`, points at the key of the last segment (used for unknown keys).
 * Missing nodes fall back to the deepest node that exists, so every error still gets a line.
 */
export function locate(src: YamlSource, path: PathSegment[], opts: { key?: boolean } = {}): SourceLocation {
  let node: unknown = src.doc.contents;
  let keyNode: Node | undefined;
  let lastFound: unknown = node;
  let depth = 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(src.doc);
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (pair) {
        keyNode = pair.key as Node;
        next = pair.value ?? pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined || next === null) break;
    node = next;
    lastFound = node;
    depth++;
  }
  let target = lastFound as Node | null;
  const complete = depth === path.length;
  const emptyValue = isScalar(target) && target.value === null && !target.source;
  if (complete && keyNode && (opts.key || emptyValue)) target = keyNode;
  const offset = target?.range?.[0] ?? 0;
  const pos = src.lineCounter.linePos(offset);
  return { file: src.file, line: pos.line, column: pos.col };
}

/** Exact source text of the node at `path` (to quote what the user wrote, e.g. an unquoted account id). */
export function sourceText(src: YamlSource, path: PathSegment[]): string | undefined {
  const node = src.doc.getIn(path, true);
  const range = (node as Node | undefined)?.range;
  return range ? src.text.slice(range[0], range[1]) : undefined;
}

/** Offset of the first quoted scalar whose closing quote is missing, from yaml's concrete syntax tree. */
function unclosedQuoteOffset(text: string): number | undefined {
  let found: number | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (found !== undefined || !node) continue;
        const quote =
          node.type === 'double-quoted-scalar' ? '"' : node.type === 'single-quoted-scalar' ? "'" : '';
        if (!quote || !('source' in node)) continue;
        if (node.source.length < 2 || !node.source.endsWith(quote)) found = node.offset;
      }
    });
    if (found !== undefined) return found;
  }
  return found;
}
