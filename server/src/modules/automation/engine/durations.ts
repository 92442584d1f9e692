import { z } from 'zod';

/** "in N minutes / hours / days"; 0 means now. */
export const durationSchema = z
  .object({ amount: z.number().int().min(0).max(100_000), unit: z.enum(['minutes', 'hours', 'days']) })
  .default({ amount: 1, unit: 'days' });
export type Duration = z.infer<typeof durationSchema>;

const SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
export const durationSeconds = (d: Duration): number => d.amount * SECONDS[d.unit];
