import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type as T } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { REMEDIATION_ACTIONS } from '../../src/catalog/action-registry.js';
import { CHECK_TYPES } from '../../src/catalog/check-registry.js';
import {
  ACTION_PAGES_DIR,
  CHECK_PAGES_DIR,
  docPages,
  GENERATED_HEADER,
  paramTable,
} from '../../src/catalog/docs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const pages = docPages();

describe('generated catalog pages', () => {
  it('has a page for every check type and action, plus an index of each', () => {
    expect(Object.keys(pages)).toContain(`${CHECK_PAGES_DIR}/unused.md`);
    expect(Object.keys(pages)).toContain(`${ACTION_PAGES_DIR}/deregister.md`);
    expect(Object.keys(pages)).toHaveLength(CHECK_TYPES.length + REMEDIATION_ACTIONS.length + 2);
    for (const text of Object.values(pages)) expect(text.startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
  });

  it.each(Object.keys(pages))('%s is committed as generated (run npm run docs)', (path) => {
    const file = join(ROOT, path);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    expect(committed, `${path} is stale or missing: run npm run docs`).toBe(pages[path]);
  });

  it('the page folders hold no page the catalog does not generate (run npm run docs)', () => {
    const extra = [CHECK_PAGES_DIR, ACTION_PAGES_DIR].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .map((name) => `${dir}/${name}`)
        .filter((path) => !(path in pages)),
    );
    expect(extra, 'pages of removed checks or actions: run npm run docs').toEqual([]);
  });
});

describe('paramTable', () => {
  it('describes a union with a default, a bounded integer and a list of patterned strings', () => {
    const schema = T.Object({
      maxDays: T.Integer({ minimum: 1, maximum: 3650, description: 'the oldest, in days' }),
      basis: T.Optional(
        T.Union([T.Literal('creation'), T.Literal('source')], {
          default: 'creation',
          description: 'what the age counts from',
        }),
      ),
      ids: T.Optional(T.Array(T.String({ pattern: '^([0-9]{12}|self)$' }), { minItems: 1 })),
    });
    expect(paramTable(schema)).toBe(
      [
        '| parameter | type | required | default | description |',
        '| --- | --- | --- | --- | --- |',
        '| `maxDays` | integer 1–3650 | required | — | the oldest, in days |',
        '| `basis` | `creation` or `source` | optional | `creation` | what the age counts from |',
        '| `ids` | list (at least 1 item) of string matching `^([0-9]{12}\\|self)$` | optional | — |  |',
      ].join('\n'),
    );
  });

  it('gives each form of a union of objects its own rows, and records their value types', () => {
    const schema = T.Object({
      groupBy: T.Union([
        T.Object({ tag: T.String({ minLength: 1 }) }),
        T.Object({ namePattern: T.String({ minLength: 1, description: 'a regex' }) }),
      ]),
      tags: T.Optional(T.Record(T.String(), T.Union([T.String(), T.Null()]), { maxProperties: 40 })),
    });
    expect(paramTable(schema).split('\n').slice(2)).toEqual([
      '| `groupBy` | `{ tag }` or `{ namePattern }` | required | — |  |',
      '| `groupBy.tag` | non-empty string | required in `{ tag }` | — |  |',
      '| `groupBy.namePattern` | non-empty string | required in `{ namePattern }` | — | a regex |',
      '| `tags` | map (at most 40 entries) from string to (string or `null`) | optional | — |  |',
    ]);
  });

  it('says so when an action takes no parameters', () => {
    expect(paramTable(T.Object({}))).toBe('None.');
  });
});
