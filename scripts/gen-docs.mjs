// Writes the per-check and per-action reference pages (docs/reference/checks/, docs/reference/actions/)
// from the catalog, removes pages of checks or actions that no longer exist, and fills in the generated IAM
// policies of docs/reference/iam-policies.md. Run after a build:
// `npm run build && node scripts/gen-docs.mjs`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { ACTION_PAGES_DIR, CHECK_PAGES_DIR, docPages } = await import(join(root, 'dist/src/catalog/docs.js'));

const pages = docPages();
for (const dir of [CHECK_PAGES_DIR, ACTION_PAGES_DIR]) {
  mkdirSync(join(root, dir), { recursive: true });
  for (const name of readdirSync(join(root, dir))) {
    const path = `${dir}/${name}`;
    if (name.endsWith('.md') && !(path in pages)) {
      rmSync(join(root, path));
      console.error(`removed ${path}`);
    }
  }
}
for (const [path, text] of Object.entries(pages)) {
  writeFileSync(join(root, path), text);
  console.error(`wrote ${path}`);
}

// The IAM policies on the IAM reference page, from the collectors' and actions' declarations.
const { IAM_POLICIES_PAGE, fillPolicies } = await import(join(root, 'dist/src/app/iam-policies.js'));
const iamPage = join(root, IAM_POLICIES_PAGE);
writeFileSync(iamPage, fillPolicies(readFileSync(iamPage, 'utf8')));
console.error(`wrote ${IAM_POLICIES_PAGE}`);
