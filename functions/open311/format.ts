// Open311 GeoReport v2's wire formats, pure (functions/open311/README.md has the sources): XML
// with its declaration and no namespace, JSON by the Spark convention (the root dropped, a list
// always an array, even of one), W3C datetimes in whole seconds with their zone, errors as a
// top-level list of {code, description}, and POST bodies in form encoding with both ways
// clients write multi-value attributes.

export type Format = 'json' | 'xml';
export type Scalar = string | number | boolean | null | undefined;
export type Open311Value = Scalar | Open311Value[] | { [k: string]: Open311Value };

export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 429, readonly description: string) {
    super(description);
  }
}

/** "services.json" → ['services', 'json']; anything else: null. */
export function splitFile(file: string): [string, Format] | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? [m[1]!, m[2] as Format] : null;
}

/** A W3C datetime with its zone, whole seconds (a client parses ".000Z" as nothing). */
export function w3c(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
  // Characters XML 1.0 cannot carry at all.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function xmlOf(name: string, value: Open311Value, itemName?: string): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlOf(itemName ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => xmlOf(k, v, ITEM_NAMES[k])).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The element each list holds, as the specification names them. */
const ITEM_NAMES: Record<string, string> = { services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value', errors: 'error' };

/** A list response: XML `<root><item>…</item></root>`, JSON the bare array. */
export function listBody(format: Format, root: keyof typeof ITEM_NAMES, items: Record<string, Open311Value>[]): { contentType: string; body: string } {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(items) };
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>\n${xmlOf(root, items, ITEM_NAMES[root])}` };
}

/** An object response (a service definition): XML under its root, JSON the object. */
export function objectBody(format: Format, root: string, value: Record<string, Open311Value>): { contentType: string; body: string } {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>\n${xmlOf(root, value)}` };
}

export function errorBody(format: Format, status: number, description: string) {
  return listBody(format, 'errors', [{ code: status, description }]);
}

/**
 * A form-encoded body's fields (and the query's: clients put api_key there, or everything).
 * `attribute[code]`, `attribute[code][]` and `attribute[code][0]` all land in `attributes`.
 */
export function formFields(body: string, query: Record<string, string | undefined> = {}): { fields: Record<string, string>; attributes: Record<string, string[]> } {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string[]> = {};
  const take = (key: string, value: string) => {
    const attr = /^attribute\[([^\]]+)\](?:\[\d*\])?$/.exec(key);
    if (attr) (attributes[attr[1]!] ??= []).push(value);
    else if (!(key in fields)) fields[key] = value;
  };
  for (const [k, v] of new URLSearchParams(body)) take(k, v);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) take(k, v);
  return { fields, attributes };
}
