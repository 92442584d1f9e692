import { createHmac } from 'node:crypto';
import {
  WEBHOOK_FAILURE_LIMIT,
  WEBHOOK_FAILURE_WINDOW_SECONDS,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookAction,
} from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { retryDelay } from '../../jobs/sqlite-queue.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { toPhpForm } from './php-form.ts';
import { webhookSettings } from './present-webhook.ts';
import { webhookActionsFor } from './webhook-actions.ts';
import { buildWebhookDocument } from './webhook-document.ts';
import type { WebhookWorkerOptions } from './webhook-job.ts';
import { countFailuresSince, disableWebhook, findWebhookById, insertDelivery } from './webhooks.repo.ts';

type Outcome = { ok: boolean; code: number | null; error: string | null; excerpt: string | null };

const EXCERPT = 500;

/** `sha256=<hex>`: HMAC-SHA256 of the exact body, keyed with the subscription's secret. */
export const signWebhookBody = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers,
      // A redirect is not followed: the subscription names where deliveries go.
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    const text = (await res.text()).slice(0, EXCERPT);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, code: res.status, error: ok ? null : `HTTP ${res.status}`, excerpt: text || null };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
    const message = timedOut
      ? `Timeout after ${timeoutMs} ms`
      : (cause ?? (error instanceof Error ? error.message : String(error)));
    return { ok: false, code: null, error: message.slice(0, EXCERPT), excerpt: null };
  }
}

/**
 * The job handler that delivers one event to one subscription: builds the document, posts it
 * (amoCRM's form encoding or JSON, signed either way), logs the attempt, and on failure either
 * throws (the queue retries with backoff) or, at 100 failures within 2 hours, disables the
 * subscription with the reason. A subscription deleted or disabled meanwhile gets nothing.
 */
export function webhookDeliveryHandler(
  db: Kysely<DB>,
  options: Pick<WebhookWorkerOptions, 'timeoutMs' | 'retryLimit' | 'retryDelayMs' | 'publicUrl'>,
): JobHandler<{ webhookId: number; eventId: number }> {
  return async (job) => {
    const hook = await findWebhookById(db, job.data.webhookId);
    if (!hook || hook.is_disabled === 1) return;
    const event = await db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', job.data.eventId)
      .where('account_id', '=', hook.account_id)
      .executeTakeFirst();
    const account = await findAccount(db, hook.account_id);
    if (!event || !account) return;
    const subscribed = new Set<WebhookAction>(webhookSettings(hook));
    const actions = webhookActionsFor(event).filter((a) => subscribed.has(a));
    if (actions.length === 0) return;
    const doc = await buildWebhookDocument(db, account, event, actions, options.publicUrl);
    if (!doc) return;

    const json = hook.format === 'json';
    const body = json ? JSON.stringify(doc) : toPhpForm(doc);
    const started = Date.now();
    const outcome = await post(
      hook.destination,
      body,
      {
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
        'user-agent': 'Voronka-Webhooks/1',
        [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(hook.secret, body),
        'x-voronka-event-id': String(event.id),
      },
      options.timeoutMs,
      job.signal,
    );
    if (job.signal.aborted) return; // the queue is stopping: the job runs again after its lease
    const now = nowSeconds();
    const willRetry = !outcome.ok && job.attempt <= options.retryLimit;
    await insertDelivery(db, {
      account_id: hook.account_id,
      webhook_id: hook.id,
      event_id: event.id,
      actions: actions.join(','),
      entity_type: event.entity_type,
      entity_id: event.entity_id,
      status: outcome.ok ? 'delivered' : 'failed',
      attempts: job.attempt,
      response_code: outcome.code,
      error: outcome.error,
      response_excerpt: outcome.excerpt,
      duration_ms: Date.now() - started,
      next_retry_at: willRetry
        ? now +
          Math.ceil(
            retryDelay({ retryDelayMs: options.retryDelayMs, retryBackoff: true }, job.attempt) / 1000,
          )
        : null,
      created_at: now,
      finished_at: now,
    });
    if (outcome.ok) return;

    const failures = await countFailuresSince(db, hook.id, now - WEBHOOK_FAILURE_WINDOW_SECONDS);
    if (failures >= WEBHOOK_FAILURE_LIMIT) {
      const reason = `${failures} failed deliveries in 2 hours; last: ${outcome.error ?? 'unknown error'}`;
      await disableWebhook(db, hook.id, reason, now);
      return; // disabled: no more attempts
    }
    throw new Error(`Webhook ${hook.id} delivery failed: ${outcome.error ?? 'unknown error'}`);
  };
}
