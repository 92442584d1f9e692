import { PermanentActionError } from './define-action.ts';

/**
 * An outbound HTTP call of an action. Network errors, timeouts, 5xx, 408 and 429 throw a plain
 * Error (the run is retried with backoff); other 4xx answers throw PermanentActionError.
 */
export async function httpOut(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const why =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new Error(`${new URL(url).host} did not answer: ${why}`);
  }
  const text = (await res.text()).slice(0, 1000);
  if (res.status >= 200 && res.status < 300) return { status: res.status, text };
  const message = `${new URL(url).host} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
    throw new PermanentActionError(message);
  throw new Error(message);
}
