import { z } from 'zod';
import { ProblemError, type FieldError } from '../../http/problem.ts';

/*
 * Query and batch input helpers shared by the amoCRM v4 routes of tasks, notes, events and links.
 * Query values arrive from the bracket parser as strings, arrays of strings or nested objects.
 */

const digits = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'Expected a non-negative integer')
  .transform(Number);
const positiveId = digits.pipe(z.number().int().positive());
const unixTime = digits;

const listOfStrings = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));

/** `filter[id]=5`, `filter[id]=5,6` or `filter[id][]=5&filter[id][]=6` -> [5, 6]. */
export const idListSchema = listOfStrings.pipe(z.array(positiveId).min(1).max(250));

/** User ids, where 0 is the robot: `filter[created_by][]=0`. */
export const userIdListSchema = listOfStrings.pipe(z.array(digits).min(1).max(250));

/** The same for names: `filter[type][]=lead_added&filter[type][]=task_added`. */
export const nameListSchema = listOfStrings.pipe(z.array(z.string().max(100)).min(1).max(100));

/**
 * A time range: `filter[x]=from`, `filter[x]=from,to` or `filter[x][from]=…&filter[x][to]=…`,
 * as amoCRM accepts it.
 */
export const rangeSchema = z
  .union([z.string(), z.object({ from: z.string().optional(), to: z.string().optional() })])
  .transform((v) => {
    if (typeof v !== 'string') return v;
    const [from, to] = v.split(',');
    return { from, to };
  })
  .pipe(z.object({ from: unixTime.optional(), to: unixTime.optional() }));
export type Range = z.infer<typeof rangeSchema>;

export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;

/** `order[created_at]=asc`: the fields a list may be ordered by. */
export const orderSchema = <K extends string>(fields: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(fields), sortDirection).optional();

/** The first ordering the client asked for among `fields`, else the default. */
export function pickOrder<K extends string>(
  fields: readonly K[],
  order: Partial<Record<K, SortDirection>> | undefined,
  fallback: { field: K; direction: SortDirection },
): { field: K; direction: SortDirection } {
  for (const field of fields) {
    const direction = order?.[field];
    if (direction) return { field, direction };
  }
  return fallback;
}

/** The errors of a batch, per item, as amoCRM reports them: one entry per failing `request_id`. */
export class BatchErrors {
  private readonly items: Array<{ request_id: string; errors: FieldError[] }> = [];

  add(requestId: string, error: FieldError): void {
    const found = this.items.find((i) => i.request_id === requestId);
    if (found) found.errors.push(error);
    else this.items.push({ request_id: requestId, errors: [error] });
  }

  /** Throws the 400 problem when any item failed, so nothing of the batch is written. */
  throwIfAny(): void {
    if (this.items.length === 0) return;
    throw new ProblemError(400, 'Bad Request', 'Request validation failed', {
      'validation-errors': this.items,
    });
  }
}
