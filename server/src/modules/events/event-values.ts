import { z } from 'zod';

const storedValues = z.array(z.unknown());

/** The stored value_before / value_after array ([] when unreadable). */
export function storedArray(text: string): unknown[] {
  try {
    const parsed = storedValues.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Reads one stored item in amoCRM's shape, or undefined when the item is not of this shape. */
type Translation = (item: unknown) => unknown;

const translate =
  <T>(shape: z.ZodType<T>, to: (v: T) => unknown): Translation =>
  (item) => {
    const parsed = shape.safeParse(item);
    return parsed.success ? to(parsed.data) : undefined;
  };

const id = z.number();

// Domain-shaped values some commands store, and the amoCRM shape each reads as. Values already
// in amoCRM's shape (lead_status, responsible_user, custom_field_value, link, note, ...) pass as
// they are.
const translations: Translation[] = [
  translate(z.strictObject({ status_id: id, pipeline_id: id }), (v) => ({
    lead_status: { id: v.status_id, pipeline_id: v.pipeline_id },
  })),
  translate(z.strictObject({ responsible_user_id: id.nullable() }), (v) => ({
    responsible_user: { id: v.responsible_user_id ?? 0 },
  })),
  translate(z.strictObject({ name: z.string() }), (v) => ({ name_field_value: { name: v.name } })),
  translate(z.strictObject({ price: id }), (v) => ({ sale_field_value: { sale: v.price } })),
  translate(z.strictObject({ tag_name: z.string() }), (v) => ({ tag: { name: v.tag_name } })),
];

function amoItem(item: unknown): unknown {
  for (const t of translations) {
    const out = t(item);
    if (out !== undefined) return out;
  }
  return item;
}

/** A stored value array in amoCRM's shape. */
export const amoValues = (text: string): unknown[] => storedArray(text).map(amoItem);
