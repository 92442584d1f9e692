import { useQueryClient } from '@tanstack/react-query';
import type { Board, LiveChange } from '@voronka/common';
import { useCallback, useEffect, useRef } from 'react';
import { useLiveChanges } from '../../ui/useLiveChanges';
import { fetchBoardCard } from './board-api';
import { applyCardState, findCard } from './board-cache';

const BATCH_MS = 120;
/** More changed deals than this at once (an import, a bulk action): reload the board instead. */
const MAX_SINGLE_REFRESH = 40;

/**
 * Keeps an open board in step with changes made elsewhere (another user, the API, automation, a
 * form): each changed deal is re-read as this board shows it, under its filter.
 */
export function useBoardLive(
  queryKey: readonly unknown[],
  pipelineId: number | null,
  filter: URLSearchParams,
) {
  const queryClient = useQueryClient();
  const queued = useRef(new Set<number>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef({ queryKey, pipelineId, filter });
  useEffect(() => {
    current.current = { queryKey, pipelineId, filter };
  }, [queryKey, pipelineId, filter]);

  const refreshDeal = useCallback(
    async (dealId: number) => {
      const { queryKey: key, pipelineId: pipeline, filter: f } = current.current;
      if (pipeline === null) return;
      try {
        const state = await fetchBoardCard(dealId, pipeline, f);
        queryClient.setQueryData<Board>(key, (b) => (b ? applyCardState(b, state) : b));
      } catch {
        // The next change or a reload brings the board up to date.
      }
    },
    [queryClient],
  );

  const flush = useCallback(() => {
    timer.current = null;
    const ids = [...queued.current];
    queued.current.clear();
    if (ids.length > MAX_SINGLE_REFRESH) {
      void queryClient.invalidateQueries({ queryKey: current.current.queryKey });
      return;
    }
    for (const id of ids) void refreshDeal(id);
  }, [queryClient, refreshDeal]);

  const onChange = useCallback(
    (change: LiveChange) => {
      // A robot run's end is a line in the deal's feed: the card is changed by the run's own events.
      if (change.entity_type !== 'leads' || change.type === 'deal.robot_ran') return;
      const { queryKey: key, pipelineId: pipeline } = current.current;
      const board = queryClient.getQueryData<Board>(key);
      // A deal of another pipeline matters only when this board still shows it (it moved away).
      const shown = board ? findCard(board, change.entity_id) !== undefined : false;
      if (change.pipeline_id !== pipeline && !shown) return;
      queued.current.add(change.entity_id);
      timer.current ??= setTimeout(flush, BATCH_MS);
    },
    [queryClient, flush],
  );
  useLiveChanges(onChange, () => void queryClient.invalidateQueries({ queryKey: current.current.queryKey }));
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { refreshDeal };
}
