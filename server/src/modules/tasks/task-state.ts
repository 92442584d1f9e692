import type { TaskState } from '@voronka/common';

function wallClockMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** The last second (unix) of the calendar day `now` falls in, in the account's time zone. */
export function endOfDay(now: number, timeZone: string): number {
  const local = new Date(wallClockMs(timeZone, now * 1000));
  const nextMidnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // The zone's offset at that midnight (it may differ from now's across a DST change).
  const offset = wallClockMs(timeZone, nextMidnightWall) - nextMidnightWall;
  return Math.floor((nextMidnightWall - offset) / 1000) - 1;
}

/** Completed; overdue (deadline passed); due today (account time zone); or upcoming. */
export function taskState(
  task: { is_completed: number; complete_till: number },
  now: number,
  todayEnds: number,
): TaskState {
  if (task.is_completed === 1) return 'completed';
  if (task.complete_till < now) return 'overdue';
  return task.complete_till <= todayEnds ? 'today' : 'upcoming';
}
