import type { StoredValue, ValueInput } from './api';

const DAY = 86_400;

/**
 * The calendar day of a date / birthday value as `YYYY-MM-DD`. The app writes a day as its UTC
 * midnight; integrations often write the midnight of their own time zone (up to 12 hours either
 * side), so the value is rounded to the nearest UTC midnight before reading the day.
 */
export function dayOf(seconds: number): string {
  const day = Math.floor((seconds + DAY / 2) / DAY);
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` -> the value to send (the server stores its UTC midnight). */
export const dayInput = (day: string): ValueInput[] | null => (day ? [{ value: day }] : null);

/** Unix seconds -> the `datetime-local` input's value in the browser's time zone. */
export function localDateTimeOf(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value -> unix seconds (read in the browser's time zone), or null. */
export function secondsOfLocal(text: string): number | null {
  if (!text) return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export const textOf = (values: StoredValue[]): string =>
  values[0] === undefined ? '' : String(values[0].value);

/** A number typed in any local style ("1 500,50", "1500.5") or null when it is not one. */
export function parseNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** Values that differ only in order or whitespace need no write. */
export const sameValues = (a: ValueInput[] | null, b: ValueInput[] | null): boolean =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The stored values as they would be sent back unchanged. */
export const asInput = (values: StoredValue[]): ValueInput[] | null =>
  values.length === 0
    ? null
    : values.map((v) =>
        v.enum_id !== undefined ? { value: v.value, enum_id: v.enum_id } : { value: v.value },
      );
