import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Calls the app's API with the context's session cookie and its CSRF token, as the web app does,
 * for test set-up and for checking what the server stored.
 */
export async function apiCall(
  context: BrowserContext,
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<{ status: number; body: unknown }> {
  const session = await context.request.get(new URL('/api/app/session', baseUrl).href);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await context.request.fetch(new URL(path, baseUrl).href, {
    method,
    headers: { 'X-CSRF-Token': csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : undefined };
}

/** Waits for a dialog by its name and for its fade-in to finish. */
export async function dialogNamed(page: Page, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  return dialog;
}
