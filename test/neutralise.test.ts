import { describe, expect, it } from 'vitest';
import { neutralise, neutraliseKeepNewlines, visibleEscape } from '../src/neutralise.js';

describe('neutralise', () => {
  it.each([
    ['RLO (bidi override)', 'invoice\u202efdp.exe', 'invoice\\u202efdp.exe'],
    ['LRE, RLE, PDF, LRO', '\u202a\u202b\u202c\u202d', '\\u202a\\u202b\\u202c\\u202d'],
    ['isolates LRI RLI FSI PDI', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['LRM, RLM, ALM', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    [
      'zero-width space, joiners, word joiner',
      'a\u200bb\u200cc\u200dd\u2060e',
      'a\\u200bb\\u200cc\\u200dd\\u2060e',
    ],
    ['BOM', '\ufeffname', '\\ufeffname'],
    ['soft hyphen', 'pay\u00adroll', 'pay\\u00adroll'],
    ['ESC (ANSI colour)', '\x1b[31mred', '\\u001b[31mred'],
    ['BEL', 'ding\x07', 'ding\\u0007'],
    ['NUL', 'a\x00b', 'a\\u0000b'],
    ['DEL', 'a\x7fb', 'a\\u007fb'],
    ['C1 CSI', '\x9b31m', '\\u009b31m'],
    ['C1 NEL', 'a\x85b', 'a\\u0085b'],
    ['tab, CR, LF', 'a\tb\rc\nd', 'a\\u0009b\\u000dc\\u000ad'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['tag characters (invisible ASCII)', 'ok\u{e0041}\u{e0042}', 'ok\\u{e0041}\\u{e0042}'],
    ['lone surrogates', 'a\ud800b\udc00', 'a\\ud800b\\udc00'],
  ])('%s', (_name, input, out) => {
    expect(neutralise(input)).toBe(out);
  });

  it.each([
    ['plain ASCII', 'ami-0123 web-2024 [x] "q" <b> & \\path'],
    ['accents, CJK, Arabic, Hebrew letters', 'café 東京 مرحبا שלום'],
    ['emoji (a surrogate pair is one character)', 'build 🚀 ok'],
    ['no-break space and other visible spaces', 'a\u00a0b\u3000c'],
  ])('leaves %s alone', (_name, input) => {
    expect(neutralise(input)).toBe(input);
  });

  it('leaves a literal backslash-u sequence as it is (documented: no forgery escape)', () => {
    expect(neutralise('\\u202e')).toBe('\\u202e');
  });

  it('is idempotent, so a field and its sink may both neutralise', () => {
    const hostile = 'x\u202e\x1b[2J\x00\x9b\ufeff\u{e0041}\ud800\n';
    const once = neutralise(hostile);
    expect(neutralise(once)).toBe(once);
    expect(neutraliseKeepNewlines(once)).toBe(once);
  });

  it('leaves only printable characters behind', () => {
    // Every code point of the BMP that is a control, format, separator or surrogate.
    // Every code point of the BMP that is a control, format, separator or surrogate, spaced so that two
    // surrogates never pair up.
    const all: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(ch)) all.push(ch);
    }
    expect(all.length).toBeGreaterThan(2000);
    expect(neutralise(all.join(' '))).toMatch(/^[\\u0-9a-f ]+$/);
  });
});

describe('neutraliseKeepNewlines', () => {
  it('keeps line feeds and escapes everything else, CR and tab included', () => {
    expect(neutraliseKeepNewlines('one\ntwo\r\nthree\tfour\u202e')).toBe(
      'one\ntwo\\u000d\nthree\\u0009four\\u202e',
    );
  });
});

describe('visibleEscape', () => {
  it('writes four hex digits in the BMP and braces above it', () => {
    expect(visibleEscape('\x1b')).toBe('\\u001b');
    expect(visibleEscape('\u{e007f}')).toBe('\\u{e007f}');
  });
});
