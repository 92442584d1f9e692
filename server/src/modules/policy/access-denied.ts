import type { EventEntityType } from '@voronka/common';
import type { FastifyInstance } from 'fastify';
import { english, type Msg } from '../../http/messages.ts';
import { ProblemError } from '../../http/problem.ts';
import { recordEvents } from '../events/record-event.ts';

/** What a refused action was, for the audit log. */
export type DeniedAction = {
  entityType: EventEntityType;
  entityId: number;
  action: string;
  /** not_visible: answered 404, the record is out of the user's sight. */
  reason: 'forbidden' | 'not_visible';
  /** Why, as a catalogue message: the answer words it in the user's language, the log keeps the key. */
  detail: Msg;
  stageId?: number;
};

/**
 * A refusal by the policy: 403, or 404 for a record the user may not see (absent everywhere).
 * It carries the audit entry, written after the request's transaction has rolled back.
 */
export class AccessDenied extends ProblemError {
  constructor(readonly denied: DeniedAction) {
    super(
      denied.reason === 'not_visible' ? 404 : 403,
      denied.reason === 'not_visible' ? 'Not Found' : 'Forbidden',
      english(denied.detail),
      {},
      denied.detail,
    );
  }
}

export const forbid = (d: Omit<DeniedAction, 'reason'>) => new AccessDenied({ ...d, reason: 'forbidden' });
export const hide = (d: Omit<DeniedAction, 'reason'>) => new AccessDenied({ ...d, reason: 'not_visible' });

/**
 * Every refused action leaves an `access.denied` event (author, entity, action, reason), written
 * on the root connection because the request's own transaction has been rolled back. `detail` is
 * the English sentence; `detail_key` / `detail_params` let Settings → Audit word it in the
 * reader's language.
 */
export function registerDeniedAudit(app: FastifyInstance): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AccessDenied) || !request.auth) return;
    const d = error.denied;
    try {
      await recordEvents(app.deps.database.db, [
        {
          accountId: request.auth.account.id,
          type: 'access.denied',
          entityType: d.entityType,
          entityId: d.entityId,
          createdBy: request.auth.user.id,
          after: [
            {
              action: d.action,
              reason: d.reason,
              detail: english(d.detail),
              detail_key: d.detail.key,
              ...(d.detail.params ? { detail_params: d.detail.params } : {}),
              method: request.method,
              path: request.url.split('?')[0],
              ...(d.stageId === undefined ? {} : { stage_id: d.stageId }),
            },
          ],
        },
      ]);
    } catch (err) {
      request.log.error({ err }, 'could not write the access.denied audit event');
    }
  });
}
