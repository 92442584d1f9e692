/** Quick deadline picks of the task form, as amoCRM offers them (all-day ones end at 23:59 local time). */
export const quickDeadlines = ['inHour', 'today', 'tomorrow', 'inThreeDays', 'inWeek', 'inMonth'] as const;
export type QuickDeadline = (typeof quickDeadlines)[number];

function endOfDayIn(days: number, now: Date): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(23, 59, 0, 0);
  return d;
}

export function deadlineOf(pick: QuickDeadline, now = new Date()): Date {
  switch (pick) {
    case 'inHour': {
      const d = new Date(now.getTime() + 60 * 60 * 1000);
      d.setSeconds(0, 0);
      return d;
    }
    case 'today':
      return endOfDayIn(0, now);
    case 'tomorrow':
      return endOfDayIn(1, now);
    case 'inThreeDays':
      return endOfDayIn(3, now);
    case 'inWeek':
      return endOfDayIn(7, now);
    case 'inMonth': {
      const d = endOfDayIn(0, now);
      d.setMonth(d.getMonth() + 1);
      return d;
    }
  }
}
