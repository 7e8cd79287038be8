// Escaping for every output format. Cloud strings (names, tags, descriptions, AWS error messages) are
// attacker-controlled, so every formatter routes them through one of these. Each first neutralises the
// text (src/neutralise.ts: control, bidi and invisible format characters become visible `\uXXXX`
// escapes), then applies the format's own escaping.
import { neutralise, neutraliseKeepNewlines } from '../neutralise.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function htmlSpecials(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Neutralises and escapes text for HTML element content and quoted attribute values (one line). */
export function escapeHtml(value: unknown): string {
  return htmlSpecials(neutralise(String(value)));
}

/** {@link escapeHtml} keeping line feeds, for `<pre>` blocks whose newlines are deliberate. */
export function escapeHtmlBlock(value: unknown): string {
  return htmlSpecials(neutraliseKeepNewlines(String(value)));
}

/** Serialises a value as JSON that is safe inside an HTML <script> data block (no `<`, `>`, `&`, U+2028/9). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// XML 1.0 allows tab, LF, CR and U+0020 and above, except surrogates (lone ones included) and U+FFFE/FFFF.
const XML_INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 forbids even when escaped and neutralising leaves (U+FFFE, U+FFFF). */
function stripXmlInvalid(value: string): string {
  return value.replace(XML_INVALID, '');
}

const XML_ESCAPES: Record<string, string> = { ...HTML_ESCAPES, "'": '&apos;' };

/**
 * Neutralises and escapes text for an XML attribute value or element content (one line: tab, CR and LF
 * are shown as escapes too, so attribute-value normalisation has nothing to fold).
 */
export function escapeXml(value: unknown): string {
  return stripXmlInvalid(neutralise(String(value))).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Wraps text in CDATA (line feeds kept), splitting every `]]>` so the section cannot be closed early. */
export function cdata(value: unknown): string {
  const text = stripXmlInvalid(neutraliseKeepNewlines(String(value)));
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Escapes text for inline Markdown (GitHub-flavoured), including table cells: neutralises it (newlines
 * become visible `\u000a`, so a table row stays one line), backslash-escapes the characters that start
 * emphasis, code, links, images, tables, strikethrough, quotes and math, and turns HTML specials into
 * entities, so a cloud string can neither break a table nor inject links, images or HTML. (Line-start
 * markers such as `#`, `-` or `1.` cannot occur: the text is never at the start of a line.)
 */
export function escapeMarkdown(value: unknown): string {
  return neutralise(String(value))
    .replace(/[\\`*_[\]|~>$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}
