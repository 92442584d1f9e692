/** A webhook document: nested objects and arrays of scalars. */
export type FormValue =
  string | number | boolean | null | undefined | FormValue[] | { [key: string]: FormValue };

/**
 * Encodes a document the way PHP's http_build_query does and amoCRM's webhooks arrive:
 * `leads[status][0][id]=1&account[subdomain]=x` (brackets percent-encoded, null values left
 * out, booleans as 1/0).
 */
export function toPhpForm(doc: { [key: string]: FormValue }): string {
  const pairs: Array<[string, string]> = [];
  const walk = (key: string, value: FormValue): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(`${key}[${i}]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(`${key}[${k}]`, v);
    else pairs.push([key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  };
  for (const [k, v] of Object.entries(doc)) walk(k, v);
  return new URLSearchParams(pairs).toString();
}
