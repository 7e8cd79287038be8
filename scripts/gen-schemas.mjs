// Writes the published JSON Schemas (rules/schema.json and schemas/*.json) from the TypeBox source
// schemas. Run after a build: `npm run build && node scripts/gen-schemas.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { publishedSchemas, schemaFileText } = await import(join(root, 'dist/src/rules/published-schemas.js'));

for (const [path, schema] of Object.entries(publishedSchemas())) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, schemaFileText(schema));
  console.error(`wrote ${path}`);
}
