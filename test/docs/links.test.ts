import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Link {
  file: string;
  line: number;
  target: string;
}

function markdownFiles(): string[] {
  const docs = join(ROOT, 'docs');
  const found = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f))
    : [];
  return ['README.md', ...found.sort()];
}

interface ProseLine {
  line: number;
  /** The line as written. */
  raw: string;
  /** The line with inline code blanked out, so `[a](b)` in code is not a link. */
  text: string;
}

/** The lines of a markdown file outside fenced code blocks. */
function proseLines(text: string): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (marker) {
      if (fence === undefined) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      return;
    }
    if (fence === undefined) out.push({ line: i + 1, raw, text: raw.replace(/`[^`]*`/g, '``') });
  });
  return out;
}

function linksOf(file: string): Link[] {
  const links: Link[] = [];
  for (const { line, text } of proseLines(readFileSync(join(ROOT, file), 'utf8'))) {
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      links.push({ file, line, target });
    }
  }
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { raw } of proseLines(readFileSync(file, 'utf8'))) {
    const title = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw)?.[1];
    if (title === undefined) continue;
    const slug = title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Every broken relative link, as "FILE:LINE target (why)". */
function brokenLinks(): string[] {
  const broken: string[] = [];
  for (const file of markdownFiles()) {
    for (const link of linksOf(file)) {
      const [pathPart, fragment] = link.target.split('#', 2) as [string, string | undefined];
      const path = pathPart === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), decodeURI(pathPart));
      const where = `${link.file}:${link.line} ${link.target}`;
      if (!existsSync(path)) {
        broken.push(`${where} (no such file)`);
        continue;
      }
      if (fragment && statSync(path).isFile() && path.endsWith('.md') && !anchorsOf(path).has(fragment)) {
        broken.push(`${where} (no heading with that anchor)`);
      }
    }
  }
  return broken;
}

describe('documentation links', () => {
  it('finds the README and the docs/ tree', () => {
    const files = markdownFiles();
    expect(files).toContain('README.md');
    expect(files).toContain('docs/getting-started.md');
    expect(files.reduce((n, f) => n + linksOf(f).length, 0)).toBeGreaterThan(50);
  });

  it('every relative link in README.md and docs/ points at an existing file and heading', () => {
    expect(brokenLinks()).toEqual([]);
  });
});
