import { describe, expect, it } from 'vitest';
import { cdata, escapeHtml, escapeMarkdown, escapeXml, jsonForScript } from '../../src/report/escape.js';
import { csvCell, renderCsv } from '../../src/report/formats/csv.js';
import { renderHtml } from '../../src/report/formats/html.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderMarkdown } from '../../src/report/formats/markdown.js';
import { clone, loadFixture } from './helpers.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('HTML escaping', () => {
  const html = renderHtml(loadFixture());

  it('never emits the hostile tag value as markup', () => {
    // Prepare: the fixture carries the payload in a tag value. Assess: only its escaped form appears.
    expect(html).not.toContain(XSS);
    expect(html).toContain(escapeHtml(XSS));
  });

  it('escapes < in the JSON data block so it cannot close the script element', () => {
    const block = /<script type="application\/json" id="amiaudit-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<>&]/);
    expect(JSON.parse(block).rows.some((r: { text: string }) => r.text.includes(XSS.toLowerCase()))).toBe(
      true,
    );
  });

  it('has no inline event handlers, style attributes or external URLs', () => {
    // Look inside tags only: escaped cloud text legitimately contains " onerror=".
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle\s*=/i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|action)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it.each([
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['&', '&amp;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
  ])('escapeHtml(%s) = %s', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });

  it('jsonForScript round-trips and hides every markup character', () => {
    const value = { s: '</script><!-- & \u2028 >' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('XML escaping (JUnit)', () => {
  it('splits every ]]> inside CDATA', () => {
    const out = cdata('a]]>b]]>c');
    expect(out).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
    // Joining the CDATA contents gives back the original text.
    const text = [...out.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    expect(text).toBe('a]]>b]]>c');
  });

  it('escapes all five specials', () => {
    expect(escapeXml(`& < > " '`)).toBe('&amp; &lt; &gt; &quot; &apos;');
  });

  it('shows the controls XML 1.0 forbids as escapes and strips the noncharacters', () => {
    expect(escapeXml('a\u0000b\u0007c\u001bd\uFFFEe\uD800f\ng')).toBe(
      'a\\u0000b\\u0007c\\u001bde\\ud800f\\u000ag',
    );
    expect(cdata('x\u0001y\nz\uFFFF')).toBe('<![CDATA[x\\u0001y\nz]]>');
  });

  it('keeps the ]]> name of the fixture inside one failure element', () => {
    const xml = renderJunit(loadFixture());
    expect(xml).toContain('golden-web]]]]><![CDATA[>-2024');
    expect(xml).not.toMatch(/<!\[CDATA\[[^\]]*golden-web\]\]>-2024/);
  });
});

/** A minimal RFC 4180 parser (CRLF records, "" escapes). */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      rec.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      rec.push(field);
      records.push(rec);
      rec = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

describe('CSV cells', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+SUM(1,2)', `"'+SUM(1,2)"`],
    ['-2+3', "'-2+3"],
    ['@import', "'@import"],
    ['\tlegacy', '\\u0009legacy'],
    ['\rx', '\\u000dx'],
    ['\x1b[31m=cmd', '\\u001b[31m=cmd'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['100%', '100%'],
  ])('%j → %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('leaves numbers alone (a cost is never a formula)', () => {
    expect(csvCell(-1)).toBe('-1');
  });

  it('renders CRLF rows with the same number of columns as the header', () => {
    const csv = renderCsv(loadFixture());
    expect(csv.endsWith('\r\n')).toBe(true);
    // The quoted newlines of the fixture must not split records.
    const records = parseCsv(csv);
    expect(records.length).toBe(loadFixture().findings.length + 1);
    for (const r of records) expect(r.length).toBe(records[0]!.length);
    expect(
      records.some((r) => r.includes('build 100% "final", v2\nline|two `code` [link](http://evil)')),
    ).toBe(true);
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['[link](http://evil)', '\\[link\\](http://evil)'],
    ['![img](x)', '!\\[img\\](x)'],
    ['<img src=x>', '&lt;img src=x\\>'],
    ['line\nbreak', 'line\\\\u000abreak'],
    ['*b* _i_ ~s~ $x$', '\\*b\\* \\_i\\_ \\~s\\~ \\$x\\$'],
  ])('%j → %j', (input, out) => {
    expect(escapeMarkdown(input)).toBe(out);
  });

  it('keeps every table row of a hostile report at the header column count', () => {
    const report = clone(loadFixture());
    report.findings[0]!.message = 'pipe | in | message\nand a newline';
    const md = renderMarkdown(report);
    for (const table of md.split(/\n\n/).filter((b) => b.startsWith('| '))) {
      const lines = table.split('\n');
      const cols = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const l of lines) expect(cols(l)).toBe(cols(lines[0]!));
    }
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script');
  });
});
