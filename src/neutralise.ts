// The one neutraliser for hostile text. Cloud strings (image names, tags, descriptions, AWS error
// messages), rule-file text and file names can carry characters a reader cannot see or that change how
// the text around them is shown: bidi overrides and isolates (`invoice\u202efdp.exe` displays as
// `invoiceexe.pdf`), terminal escapes (ESC, BEL, C1 CSI), NUL, zero-width and other format characters,
// line/paragraph separators and lone surrogates. Every text a person reads passes through here, and each
// such character is replaced by a visible `\uXXXX` escape (`\u{XXXXX}` above the BMP), so a reader sees
// that it is there and where. Machine data (findings.json, the inventory) keeps the raw strings.
//
// A backslash already in the text is left alone, so `\u202e` typed literally shows as itself. That keeps
// the function idempotent (escapes contain only printable ASCII), so a formatter may neutralise a field and
// then its output sink again without garbling it; the cost is that a literal `\u202e` and a real U+202E
// look the same, which hides nothing (both are visible) and findings.json tells them apart.

// Cc: C0, DEL, C1. Cf: bidi embeddings/overrides/isolates/marks, ALM (U+061C), zero-width space/joiners,
// word joiner, BOM, soft hyphen, invisible operators, tag characters (U+E0000 block) and the rest of the
// format category. Zl/Zp: U+2028/U+2029, which some viewers and JavaScript treat as line breaks. Cs: lone
// surrogates, which are not text at all (UTF-8 encoders replace them).
const HOSTILE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const HOSTILE_BUT_LF = /[\0-\t\v-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
// Most text is printable ASCII: one cheap test skips the Unicode-aware replace (a 50,000-finding CSV
// renders ~1.8x faster with it).
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const NOT_PRINTABLE_ASCII_OR_LF = /[^\n\x20-\x7e]/;

/** The visible escape of one code point: `\u202e`, `\u001b`, `\u{e0041}`. */
export function visibleEscape(char: string): string {
  const code = char.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Replaces every control, format, line/paragraph separator and lone surrogate character with a visible
 * `\uXXXX` escape (newlines and tabs included): for text shown on one line.
 */
export function neutralise(text: string): string {
  return NOT_PRINTABLE_ASCII.test(text) ? text.replace(HOSTILE, visibleEscape) : text;
}

/** {@link neutralise}, but keeps line feeds: for formats whose newlines are deliberate (CDATA, CSV cells, `<pre>`). */
export function neutraliseKeepNewlines(text: string): string {
  return NOT_PRINTABLE_ASCII_OR_LF.test(text) ? text.replace(HOSTILE_BUT_LF, visibleEscape) : text;
}
