import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';

const YAML_FILE = /\.ya?ml$/i;

/**
 * The default rule location: `rules` when it exists in `cwd` (returned relative, since rule files are
 * reported by the path they were given as), else the pack shipped with the package.
 */
export function defaultRulePaths(cwd: string): string[] {
  return existsSync(join(cwd, 'rules')) ? ['rules'] : [join(PACKAGE_ROOT, 'rules')];
}

/** Expands files and folders into YAML files: folders give every *.yaml / *.yml below them, sorted. */
export async function expandYamlPaths(paths: string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      errors.push(new InputError('no such file or folder', { file: path }));
      continue;
    }
    if (!info.isDirectory()) {
      add(path);
      continue;
    }
    const found = await yamlFilesUnder(path);
    if (found.length === 0)
      errors.push(new InputError('folder holds no *.yaml or *.yml files', { file: path }));
    found.forEach(add);
  }
  return { files, errors };
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    // Vendored packages and dot-folders (.git, .github) never hold rules of this pack.
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFilesUnder(full)));
    else if (YAML_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Sorts errors by file (in the given order), then line and column. */
export function sortErrors(errors: InputError[], files: string[]): InputError[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const la = a.e.location;
      const lb = b.e.location;
      const fa = order.get(la?.file ?? '') ?? -1;
      const fb = order.get(lb?.file ?? '') ?? -1;
      return (
        fa - fb || (la?.line ?? 0) - (lb?.line ?? 0) || (la?.column ?? 0) - (lb?.column ?? 0) || a.i - b.i
      );
    })
    .map((x) => x.e);
}
