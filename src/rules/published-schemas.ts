import type { TSchema } from '@sinclair/typebox';
import { Report } from '../findings/model.js';
import { InventoryRecord } from '../inventory/schema.js';
import { ExceptionsFile, RuleFile } from './schema.js';

const DRAFT = 'http://json-schema.org/draft-07/schema#';

function publish(schema: TSchema, title: string, description: string): Record<string, unknown> {
  // JSON round trip drops TypeBox's symbol keys and gives plain, stable JSON.
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { $schema: DRAFT, title, description, ...plain };
}

/**
 * The JSON Schemas published with the package, keyed by their path in the repository.
 * scripts/gen-schemas.mjs writes them; a test fails when the committed files drift from the source schemas.
 */
export function publishedSchemas(): Record<string, Record<string, unknown>> {
  const rules = publish(
    RuleFile,
    'amiaudit rule file',
    'A YAML file of amiaudit rules. Add `# yaml-language-server: $schema=<path to this file>` for editor completion.',
  );
  return {
    'rules/schema.json': rules,
    'schemas/rules.schema.json': rules,
    'schemas/exceptions.schema.json': publish(
      ExceptionsFile,
      'amiaudit exceptions file',
      'Suppressions of amiaudit findings, each with a reason, an owner and an expiry date.',
    ),
    'schemas/inventory.schema.json': publish(
      InventoryRecord,
      'amiaudit inventory record',
      'One line of an amiaudit inventory (JSON Lines): each line is one record, told apart by `kind`.',
    ),
    'schemas/findings.schema.json': publish(
      Report,
      'amiaudit findings',
      'The findings.json report written by amiaudit.',
    ),
  };
}

/** Serializes a published schema exactly as the committed file holds it. */
export function schemaFileText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
