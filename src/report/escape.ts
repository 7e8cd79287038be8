// Escaping for every output format. Cloud strings (names, tags, descriptions, AWS error messages) are
// attacker-controlled, so every formatter routes them through one of these.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
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

/** Removes characters that XML 1.0 forbids even when escaped. */
function stripXmlInvalid(value: string): string {
  return value.replace(XML_INVALID, '');
}

const XML_ESCAPES: Record<string, string> = {
  ...HTML_ESCAPES,
  "'": '&apos;',
  // Parsers normalise literal whitespace in attribute values to spaces; character references survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes text for an XML attribute value or element content (& < > " ' and tab/CR/LF as references). */
export function escapeXml(value: unknown): string {
  return stripXmlInvalid(String(value)).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!);
}

/** Wraps text in CDATA, splitting every `]]>` so the section cannot be closed early. */
export function cdata(value: unknown): string {
  return `<![CDATA[${stripXmlInvalid(String(value)).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Escapes text for inline Markdown (GitHub-flavoured), including table cells: backslash-escapes the
 * characters that start emphasis, code, links, images, tables, strikethrough, quotes and math, turns HTML
 * specials into entities and newlines into spaces, so a cloud string can neither break a table nor inject
 * links, images or HTML. (Line-start markers such as `#`, `-` or `1.` cannot occur: the text is never at
 * the start of a line.)
 */
export function escapeMarkdown(value: unknown): string {
  return String(value)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]|~>$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** Replaces terminal control characters (ANSI escape injection) in text meant for the console. */
export function escapeTerminal(value: unknown): string {
  return String(value).replace(
    /[\x00-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
