import type { ZodType } from 'zod';

/** Small decoders for untrusted JSON: they narrow `unknown` without casts and fail loudly. */

export class DecodeError extends Error {
  constructor(what: string) {
    super(`Unexpected server response: ${what}`);
    this.name = 'DecodeError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new DecodeError(`${what} is not an object`);
  return value;
}

export function boolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new DecodeError(`${what} is not a boolean`);
  return value;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function optionalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** An `apiRequest` decoder from a zod schema: the response must match it, or the call fails. */
export function decodeWith<Output>(schema: ZodType<Output>): (value: unknown) => Output {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new DecodeError(result.error.issues.map((issue) => issue.path.join('.')).join(', '));
    return result.data;
  };
}
