import { z } from 'zod';
import { valueRowSchema } from './merge-values.ts';

export type PartyType = 'contacts' | 'companies';

/** The record columns a merge may change on the survivor (and an undo puts back). */
export const recordColumnsSchema = z.object({
  name: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company_id: z.number().nullable().optional(),
  responsible_user_id: z.number().nullable(),
  updated_at: z.number(),
  updated_by: z.number(),
});
export type RecordColumns = z.infer<typeof recordColumnsSchema>;

const ids = z.array(z.number());

/**
 * Everything an undo needs, stored with the merge: the survivor's columns and values before,
 * the merged record's last update, and every row the merge re-pointed from the merged record to
 * the survivor (by id), so an undo moves exactly those back and nothing created since.
 */
export const mergeSnapshotSchema = z.object({
  survivor: recordColumnsSchema,
  survivor_values: z.array(valueRowSchema),
  /** The fields whose values the merge rewrote on the survivor. */
  field_ids: ids,
  merged_updated_at: z.number(),
  notes: ids,
  tasks: ids,
  events: ids,
  /** Tags the survivor got from the merged record (the merged record keeps its own). */
  tags_added: ids,
  /** contacts: the merged contact's deal links, and the deals newly linked to the survivor. */
  deal_links: z.array(z.object({ deal_id: z.number(), is_main: z.number() })),
  deal_links_added: ids,
  incoming_leads: ids,
  conversations: ids,
  /** companies: the contacts and deals that pointed at the merged company. */
  company_contacts: ids,
  company_deals: ids,
});
export type MergeSnapshot = z.infer<typeof mergeSnapshotSchema>;
