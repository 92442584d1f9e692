import { z } from 'zod';

/** The task-state filter of the board: the closest open task is overdue, due today, or absent. */
export const dealTaskFilters = ['overdue', 'today', 'none'] as const;
export type DealTaskFilter = (typeof dealTaskFilters)[number];

const MAX_IDS = 200;

/** `"1,2,3"` (as a URL keeps it) or `["1","2"]` (repeated parameters) into ids (0 where allowed). */
const idList = (min: 0 | 1) =>
  z.union([z.string().max(4000), z.array(z.string().max(20)).max(MAX_IDS)]).transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    const ids: number[] = [];
    for (const part of parts) {
      if (!/^\d{1,15}$/.test(part) || Number(part) < min) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not an id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return [...new Set(ids)].slice(0, MAX_IDS);
  });

/** Unix seconds. */
const unix = z.coerce.number().int().min(0).max(99_999_999_999);

/**
 * The filter of the board and the deal list, as query parameters shared by the web app's URL and
 * the app API: `responsible=1,2&tags=3&task=overdue&created_from=...&cf[12]=value&q=text`.
 * `responsible` may include 0 for "nobody". `cf[<field id>]` matches an enum id for select-like
 * fields and the text (contains, case-insensitive) otherwise.
 */
export const dealFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  responsible: idList(0).optional(),
  tags: idList(1).optional(),
  stages: idList(1).optional(),
  created_from: unix.optional(),
  created_to: unix.optional(),
  closed_from: unix.optional(),
  closed_to: unix.optional(),
  task: z.enum(dealTaskFilters).optional(),
  source: z.string().trim().max(255).optional(),
  cf: z
    .record(z.string().regex(/^\d{1,15}$/), z.string().trim().max(255))
    .refine((r) => Object.keys(r).length <= 20, 'At most 20 field conditions')
    .optional(),
});
export type DealFilter = z.infer<typeof dealFilterSchema>;

/** The filter's keys, in the order the URL writes them. */
export const dealFilterKeys = [
  'q',
  'responsible',
  'tags',
  'stages',
  'created_from',
  'created_to',
  'closed_from',
  'closed_to',
  'task',
  'source',
] as const;
