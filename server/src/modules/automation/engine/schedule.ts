import type { AutomationSettings, Delay } from '@voronka/common';
import { addDays, instantOf, parseHm, safeZone, wallOf } from './zoned-time.ts';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * The first moment at or after `fromMs` inside the working schedule (days and hours in the
 * account's time zone); `fromMs` itself when it is already working time. An empty schedule means
 * "any time".
 */
export function nextWorkingTime(
  fromMs: number,
  schedule: AutomationSettings['schedule'],
  tz: string,
): number {
  const zone = safeZone(tz);
  if (schedule.days.length === 0) return fromMs;
  const from = parseHm(schedule.from);
  const to = parseHm(schedule.to);
  const start = wallOf(fromMs, zone);
  for (let i = 0; i < 8; i++) {
    const date = addDays(start, i);
    const weekday = ((start.weekday - 1 + i) % 7) + 1;
    if (!schedule.days.includes(weekday)) continue;
    const open = instantOf(zone, { ...date, ...from });
    const close = instantOf(zone, { ...date, ...to });
    if (fromMs < open) return open;
    if (fromMs < close) return fromMs;
  }
  return fromMs;
}

/**
 * When a trigger fired at `baseMs` runs: at once, after an interval, at the next working time, or
 * at a time of day after N days (today's when it is still ahead and N is 0).
 */
export function delayedUntil(
  delay: Delay,
  baseMs: number,
  settings: Pick<AutomationSettings, 'schedule'>,
  tz: string,
): number {
  switch (delay.kind) {
    case 'immediately':
      return baseMs;
    case 'after':
      return baseMs + (delay.amount ?? 0) * UNIT_MS[delay.unit ?? 'minutes'];
    case 'working_time':
      return nextWorkingTime(baseMs, settings.schedule, tz);
    case 'time_of_day': {
      const zone = safeZone(tz);
      const days = delay.days ?? 0;
      const at = instantOf(zone, {
        ...addDays(wallOf(baseMs, zone), days),
        ...parseHm(delay.time ?? '09:00'),
      });
      return at < baseMs
        ? instantOf(zone, { ...addDays(wallOf(baseMs, zone), days + 1), ...parseHm(delay.time ?? '09:00') })
        : at;
    }
  }
}
