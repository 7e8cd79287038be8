import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expandYamlPaths } from '../../src/rules/files.js';
import { publishedSchemas, schemaFileText } from '../../src/rules/published-schemas.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { fixture } from './helpers.js';

const schemas = publishedSchemas();

describe('published JSON Schemas', () => {
  it.each(Object.keys(schemas))(
    '%s matches the source schema (run `npm run schemas` after changing it)',
    async (path) => {
      const committed = await readFile(join(PACKAGE_ROOT, path), 'utf8');
      expect(committed).toBe(schemaFileText(schemas[path]));
    },
  );

  it('rules/schema.json accepts every file of the default pack and rejects an unknown key', async () => {
    const validate = new Ajv({ allErrors: true }).compile(schemas['rules/schema.json']);
    const { files } = await expandYamlPaths([join(PACKAGE_ROOT, 'rules')]);
    for (const file of files) {
      const data = parse(await readFile(file, 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const bad = {
      rules: [{ id: 'x', title: 't', severity: 'low', check: { type: 'age', maxDays: 1 }, colour: 'red' }],
    };
    expect(validate(bad)).toBe(false);
  });

  it('schemas/exceptions.schema.json accepts a valid exceptions file and rejects one without an owner', async () => {
    const validate = new Ajv({ allErrors: true }).compile(schemas['schemas/exceptions.schema.json']);
    const data = parse(await readFile(fixture('exceptions', 'valid.yaml'), 'utf8'));
    expect(validate(data)).toBe(true);
    delete data.exceptions[0].owner;
    expect(validate(data)).toBe(false);
  });

  it('the inventory and findings schemas compile', () => {
    const ajv = new Ajv({ allErrors: true });
    expect(typeof ajv.compile(schemas['schemas/inventory.schema.json'])).toBe('function');
    expect(typeof ajv.compile(schemas['schemas/findings.schema.json'])).toBe('function');
  });
});
