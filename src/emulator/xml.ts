const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML; characters XML 1.0 cannot carry at all become U+FFFD. */
export function esc(value: string): string {
  if (!XML_SPECIAL.test(value)) return value;
  XML_SPECIAL.lastIndex = 0;
  return value.replace(XML_SPECIAL, (c) => XML_ENTITIES[c] ?? '\ufffd');
}

/** `<tag>escaped value</tag>`, or nothing when the value is absent. */
export function leaf(tag: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  return `<${tag}>${typeof value === 'string' ? esc(value) : String(value)}</${tag}>`;
}

/** `<tag>inner</tag>` where inner is already XML. */
export function node(tag: string, inner: string): string {
  return `<${tag}>${inner}</${tag}>`;
}

/** An EC2-style list: `<tag><item>…</item>…</tag>` (Query services pass member = "member"). */
export function list<T>(
  tag: string,
  items: Iterable<T>,
  render: (item: T) => string,
  member = 'item',
): string {
  let out = `<${tag}>`;
  for (const item of items) out += `<${member}>${render(item)}</${member}>`;
  return `${out}</${tag}>`;
}
