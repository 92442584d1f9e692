/**
 * Parses a query string with PHP-style brackets, as amoCRM clients send it:
 * `filter[id][]=1&filter[id][]=2&filter[statuses][0][pipeline_id]=5&order[created_at]=asc`
 * -> `{ filter: { id: ['1','2'], statuses: [{ pipeline_id: '5' }] }, order: { created_at: 'asc' } }`.
 * Objects whose keys are all 0..n-1 become arrays. Depth and size are bounded against abuse.
 */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
type Node = { [key: string]: Node | string };

const MAX_DEPTH = 6;
const MAX_PAIRS = 1000;

function splitKey(raw: string): string[] | null {
  const first = raw.indexOf('[');
  if (first === -1) return [raw];
  const parts = [raw.slice(0, first)];
  const rest = raw.slice(first);
  const re = /\[([^[\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) return null;
    parts.push(m[1] ?? '');
    consumed = m.index + m[0].length;
  }
  if (consumed !== rest.length || parts.length > MAX_DEPTH + 1) return null;
  return parts;
}

function toArrays(node: Node | string): QueryValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const values = keys.map((k) => toArrays(node[k] ?? ''));
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  if (isList) return values;
  return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
}

export function parseBracketQuery(qs: string): Record<string, QueryValue> {
  const root: Node = Object.create(null);
  const params = new URLSearchParams(qs);
  let pairs = 0;
  for (const [rawKey, value] of params) {
    if (++pairs > MAX_PAIRS) break;
    const parts = splitKey(rawKey);
    if (
      !parts ||
      parts[0] === '' ||
      parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')
    ) {
      continue;
    }
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      let key = parts[i] ?? '';
      const last = i === parts.length - 1;
      if (key === '') key = String(Object.keys(node).length); // `[]` appends
      if (last) {
        node[key] = value;
      } else {
        const next = node[key];
        if (typeof next === 'object') node = next;
        else {
          const child: Node = Object.create(null);
          node[key] = child;
          node = child;
        }
      }
    }
  }
  const out: Record<string, QueryValue> = {};
  for (const [k, v] of Object.entries(root)) out[k] = toArrays(v);
  return out;
}
