import { DecodeError, isRecord } from './decode';

/**
 * Field readers for handwritten decoders of large, hot responses (the board's first screen), where
 * a zod schema's construction and first parse cost more than the whole check. Each takes the
 * value and its path in the response, returns it narrowed, or throws a DecodeError naming the path.
 */

export function obj(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new DecodeError(`${path} is not an object`);
  return value;
}

export function arr<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new DecodeError(`${path} is not an array`);
  const out: T[] = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = item(value[i], `${path}.${i}`);
  return out;
}

export function str(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new DecodeError(`${path} is not a string`);
  return value;
}

export function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DecodeError(`${path} is not a number`);
  return value;
}

/** A record id: a positive integer. */
export function id(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new DecodeError(`${path} is not an id`);
  return value;
}

export function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new DecodeError(`${path} is not a boolean`);
  return value;
}

export function oneOf<const T extends readonly string[]>(
  options: T,
  value: unknown,
  path: string,
): T[number] {
  const found = options.find((option) => option === value);
  if (found === undefined) throw new DecodeError(`${path} is not one of ${options.join(', ')}`);
  return found;
}

/** `read` of the value, or null when it is null. */
export function nullable<T>(
  value: unknown,
  path: string,
  read: (value: unknown, path: string) => T,
): T | null {
  return value === null ? null : read(value, path);
}
