/** Calendar arithmetic in the browser's time zone; weeks start on Monday, as in ru and uk. */
export function startOfDay(d: Date): Date {
  const x = new Date(d);
  x.setHours(0, 0, 0, 0);
  return x;
}

export function addDays(d: Date, days: number): Date {
  const x = new Date(d);
  x.setDate(x.getDate() + days);
  return x;
}

export function startOfWeek(d: Date): Date {
  const x = startOfDay(d);
  return addDays(x, -((x.getDay() + 6) % 7));
}

export function startOfMonth(d: Date): Date {
  const x = startOfDay(d);
  x.setDate(1);
  return x;
}

export const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export type Bucket = 'overdue' | 'today' | 'tomorrow' | 'week' | 'later';

/** Which section of the task list an open task falls in, counted from `now`. */
export function bucketOf(completeTill: number, now: Date): Bucket {
  const due = completeTill * 1000;
  const today = startOfDay(now);
  if (due < now.getTime()) return 'overdue';
  if (due < addDays(today, 1).getTime()) return 'today';
  if (due < addDays(today, 2).getTime()) return 'tomorrow';
  if (due < addDays(startOfWeek(now), 7).getTime()) return 'week';
  return 'later';
}
