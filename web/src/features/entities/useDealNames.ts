import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { embeddedList, query } from '../records/api';

const dealRefSchema = z.object({
  id: z.number(),
  name: z.string(),
  price: z.number(),
  status_id: z.number(),
  pipeline_id: z.number(),
  closed_at: z.number().nullable(),
});
export type DealRef = z.infer<typeof dealRefSchema>;

/** The deals with these ids (name, budget, stage), for the deal lists of contact and company cards. */
export function useDeals(ids: number[]) {
  const sorted = [...ids].sort((a, b) => a - b);
  return useQuery({
    queryKey: ['v4', 'leads', 'by-ids', sorted],
    queryFn: () =>
      apiRequest(
        'GET',
        `/api/v4/leads${query({ 'filter[id]': sorted.slice(0, 250), limit: 250 })}`,
        embeddedList('leads', dealRefSchema),
      ),
    enabled: sorted.length > 0,
  });
}
