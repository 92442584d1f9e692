import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { Board, BoardMeta } from '@voronka/common';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { missingFromRefusal } from '../process-rules/builtin-values';
import type { BuiltinField } from '../process-rules/rules-api';
import { fetchDealFieldIds, moveDeal } from './board-api';
import { findCard, moveCard, replaceCard } from './board-cache';
import { serverMessage } from './move-error';

type Pending =
  | { kind: 'loss'; dealId: number; dealName: string; resolve: (reason: number | undefined | null) => void }
  | {
      kind: 'fields';
      dealId: number;
      dealName: string;
      stageName: string;
      fields: BoardMeta['fields'];
      builtins: BuiltinField[];
      resolve: (saved: boolean) => void;
    };

/**
 * A card dropped somewhere: first the fields the target stage requires, then the loss reason for
 * "lost", then an optimistic move that is rolled back, with the server's words, when refused.
 */
export function useBoardMoves(queryKey: readonly unknown[], meta: BoardMeta | undefined) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);

  const requestMove = useCallback(
    async (dealId: number, stageId: number, index: number) => {
      const board = queryClient.getQueryData<Board>(queryKey);
      if (!board) return;
      const card = findCard(board, dealId);
      const column = board.stages.find((s) => s.stage.id === stageId);
      if (!card || !column) return;
      const others = column.deals.filter((d) => d.id !== dealId);
      const at = Math.max(0, Math.min(index, others.length));
      const changesStage = card.stage_id !== stageId;
      if (!changesStage && column.deals.findIndex((d) => d.id === dealId) === at) return;
      // Rights: the server would refuse this move; say so without a round trip.
      if (changesStage && (card.can?.move_out === false || column.can?.move_in === false)) {
        notifications.show({
          color: 'red',
          title: t('board.moveRefused', { name: card.name }),
          message: t('board.moveNotAllowed', { stage: column.stage.name }),
          autoClose: 8000,
        });
        return;
      }

      if (changesStage && meta) {
        const required = meta.fields.filter((f) =>
          f.required_statuses.some(
            (r) => r.pipeline_id === board.pipeline.id && r.status_id === column.stage.status_id,
          ),
        );
        if (required.length > 0) {
          let filled: Set<number>;
          try {
            filled = await fetchDealFieldIds(dealId);
          } catch (error) {
            notifications.show({
              color: 'red',
              title: t('board.moveFailed'),
              message: serverMessage(error, t('app.unreachableText')),
            });
            return;
          }
          const missing = required.filter((f) => !filled.has(f.id));
          if (missing.length > 0) {
            const saved = await new Promise<boolean>((resolve) =>
              setPending({
                kind: 'fields',
                dealId,
                dealName: card.name,
                stageName: column.stage.name,
                fields: missing,
                builtins: [],
                resolve,
              }),
            );
            setPending(null);
            if (!saved) return;
          }
        }
      }
      let lossReasonId: number | undefined;
      if (changesStage && column.stage.kind === 'lost') {
        const reason = await new Promise<number | undefined | null>((resolve) =>
          setPending({ kind: 'loss', dealId, dealName: card.name, resolve }),
        );
        setPending(null);
        if (reason === null) return;
        lossReasonId = reason;
      }

      // The process rules may require more (a budget, a contact's phone): the server names them,
      // the same modal asks for them and the move is tried once more.
      for (let attempt = 0; attempt < 2; attempt++) {
        const before = queryClient.getQueryData<Board>(queryKey);
        if (!before) return;
        const after = others[at - 1];
        queryClient.setQueryData<Board>(queryKey, moveCard(before, dealId, stageId, at));
        try {
          const result = await moveDeal(dealId, {
            stage_id: stageId,
            ...(after ? { after_id: after.id } : {}),
            ...(lossReasonId !== undefined ? { loss_reason_id: lossReasonId } : {}),
          });
          queryClient.setQueryData<Board>(queryKey, (b) => (b ? replaceCard(b, result.deal) : b));
          return;
        } catch (error) {
          // Roll back to the board as it was before this drop (a live change meanwhile is re-read).
          queryClient.setQueryData<Board>(queryKey, before);
          const missing = attempt === 0 ? missingFromRefusal(error) : null;
          const fields = missing ? (meta?.fields ?? []).filter((f) => missing.fieldIds.includes(f.id)) : [];
          if (missing && fields.length === missing.fieldIds.length) {
            const saved = await new Promise<boolean>((resolve) =>
              setPending({
                kind: 'fields',
                dealId,
                dealName: card.name,
                stageName: column.stage.name,
                fields,
                builtins: missing.builtins,
                resolve,
              }),
            );
            setPending(null);
            if (saved) continue;
            return;
          }
          notifications.show({
            color: 'red',
            title: t('board.moveRefused', { name: card.name }),
            message: serverMessage(error, t('app.unreachableText')),
            autoClose: 8000,
          });
          return;
        }
      }
    },
    [queryClient, queryKey, meta, t],
  );

  return { requestMove, pending };
}
