import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Active,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type Over,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Center, Loader, Paper, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Board, BoardMeta } from '@voronka/common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { boardKey, boardQuery, fetchStagePage } from './board-api';
import { appendPage, findCard } from './board-cache';
import classes from './board.module.css';
import { BoardColumn } from './BoardColumn';
import { DealCardBody } from './DealCard';
import { LossReasonModal } from './LossReasonModal';
import { RequiredFieldsModal } from './RequiredFieldsModal';
import { useBoardFormat } from './useBoardFormat';
import { useBoardLive } from './useBoardLive';
import { useBoardMoves } from './useBoardMoves';
import { useCollapsedStages } from './useCollapsedStages';

type Props = { pipelineId: number | null; filter: URLSearchParams; meta: BoardMeta | undefined };

type Target = { stageId: number; dealId: number | null; side: 'before' | 'after' };

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const pick = hits.length > 0 ? hits : rectIntersection(args);
  // A card under the pointer beats the column around it.
  return [...pick].sort(
    (a, b) => Number(String(b.id).startsWith('card:')) - Number(String(a.id).startsWith('card:')),
  );
};

function targetOf(board: Board, active: Active, over: Over | null): Target | null {
  if (!over) return null;
  const data = over.data.current;
  const id = String(over.id);
  if (id.startsWith('stage:') && typeof data?.stageId === 'number')
    return { stageId: data.stageId, dealId: null, side: 'before' };
  if (id.startsWith('card:') && typeof data?.dealId === 'number') {
    const card = findCard(board, data.dealId);
    if (!card) return null;
    const moving = active.rect.current.translated;
    const side =
      moving && moving.top + moving.height / 2 > over.rect.top + over.rect.height / 2 ? 'after' : 'before';
    return { stageId: card.stage_id, dealId: data.dealId, side };
  }
  return null;
}

/** The kanban: a column per stage, drag and drop between and within them, live updates. */
export function BoardView({ pipelineId, filter, meta }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const filterQuery = filter.toString();
  const queryKey = useMemo(() => boardKey(pipelineId, filterQuery), [pipelineId, filterQuery]);
  const board = useQuery(boardQuery(pipelineId, filter));
  const format = useBoardFormat();
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 60_000);
    return () => clearInterval(timer);
  }, []);
  const users = useMemo(() => new Map(meta?.users.map((u) => [u.id, u.name])), [meta]);
  const userName = useCallback(
    (id: number | null) => (id === null ? null : (users.get(id) ?? null)),
    [users],
  );
  const { isCollapsed, toggle } = useCollapsedStages();
  const { requestMove, pending } = useBoardMoves(queryKey, meta);
  const livePipeline = board.data?.pipeline.id ?? null;
  const { refreshDeal } = useBoardLive(queryKey, livePipeline, filter);

  const [loading, setLoading] = useState<Set<number>>(new Set());
  const loadMore = useCallback(
    (stageId: number) => {
      const data = queryClient.getQueryData<Board>(queryKey);
      const last = data?.stages.find((s) => s.stage.id === stageId)?.deals.at(-1);
      if (!last) return;
      setLoading((prev) => new Set(prev).add(stageId));
      fetchStagePage(stageId, last, filter)
        .then((page) =>
          queryClient.setQueryData<Board>(queryKey, (b) =>
            b ? appendPage(b, stageId, page.deals, page.has_more) : b,
          ),
        )
        .catch(() => undefined)
        .finally(() =>
          setLoading((prev) => {
            const next = new Set(prev);
            next.delete(stageId);
            return next;
          }),
        );
    },
    [queryClient, queryKey, filter],
  );

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const [activeId, setActiveId] = useState<number | null>(null);
  const [target, setTarget] = useState<Target | null>(null);

  const onDragOver = (e: DragOverEvent) => {
    if (board.data) setTarget(targetOf(board.data, e.active, e.over));
  };
  const onDragEnd = (e: DragEndEvent) => {
    setActiveId(null);
    setTarget(null);
    const data = board.data;
    const dealId = e.active.data.current?.dealId;
    if (!data || typeof dealId !== 'number') return;
    const to = targetOf(data, e.active, e.over);
    if (!to) return;
    const column = data.stages.find((s) => s.stage.id === to.stageId);
    if (!column) return;
    const others = column.deals.filter((d) => d.id !== dealId);
    let index = 0;
    if (to.dealId !== null && to.dealId !== dealId) {
      const at = others.findIndex((d) => d.id === to.dealId);
      index = to.side === 'after' ? at + 1 : at;
    } else if (to.dealId === dealId) return;
    void requestMove(dealId, to.stageId, index);
  };

  const names = (id: unknown) => {
    const dealId = Number(String(id).split(':')[1]);
    const data = board.data;
    if (!data) return '';
    if (String(id).startsWith('stage:'))
      return data.stages.find((s) => s.stage.id === dealId)?.stage.name ?? '';
    return findCard(data, dealId)?.name ?? '';
  };

  if (board.isPending)
    return (
      <Center py="xl" role="status" aria-label={t('app.loading')}>
        <Loader />
      </Center>
    );
  if (board.isError)
    return (
      <ApiErrorAlert error={board.error} title={t('board.loadFailed')} onRetry={() => void board.refetch()} />
    );

  const activeCard = activeId === null ? undefined : findCard(board.data, activeId);
  const pipelineEmpty = filterQuery === '' && board.data.stages.every((column) => column.count === 0);
  return (
    <>
      {pipelineEmpty && (
        <Paper withBorder p="sm" mb="sm">
          <Text fw={600}>{t('sections.deals.emptyTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('board.emptyHint')}
          </Text>
        </Paper>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={(e) =>
          setActiveId(typeof e.active.data.current?.dealId === 'number' ? e.active.data.current.dealId : null)
        }
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setTarget(null);
        }}
        accessibility={{
          screenReaderInstructions: { draggable: t('board.dnd.instructions') },
          announcements: {
            onDragStart: ({ active }) => t('board.dnd.picked', { name: names(active.id) }),
            onDragOver: ({ over }) => (over ? t('board.dnd.over', { name: names(over.id) }) : undefined),
            onDragEnd: ({ over }) =>
              over ? t('board.dnd.dropped', { name: names(over.id) }) : t('board.dnd.cancelled'),
            onDragCancel: () => t('board.dnd.cancelled'),
          },
        }}
      >
        <div className={classes.board} data-testid="board">
          {board.data.stages.map((column) => (
            <BoardColumn
              key={column.stage.id}
              column={column}
              pipelineId={board.data.pipeline.id}
              userName={userName}
              format={format}
              now={now}
              collapsed={
                (column.stage.kind === 'won' || column.stage.kind === 'lost') && isCollapsed(column.stage.id)
              }
              onToggleCollapsed={() => toggle(column.stage.id)}
              onLoadMore={loadMore}
              loadingMore={loading.has(column.stage.id)}
              onCreated={(id) => void refreshDeal(id)}
              dropHint={
                target &&
                target.stageId === column.stage.id &&
                target.dealId !== null &&
                target.dealId !== activeId
                  ? { dealId: target.dealId, side: target.side }
                  : null
              }
              isOver={activeId !== null && target?.stageId === column.stage.id}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {activeCard ? (
            <Paper withBorder radius="md" p="xs" className={classes.overlay}>
              <DealCardBody deal={activeCard} userName={userName} format={format} now={now} />
            </Paper>
          ) : null}
        </DragOverlay>
      </DndContext>
      {pending?.kind === 'loss' && (
        <LossReasonModal
          opened
          dealName={pending.dealName}
          reasons={meta?.loss_reasons ?? []}
          onConfirm={(reason) => pending.resolve(reason)}
          onCancel={() => pending.resolve(null)}
        />
      )}
      {pending?.kind === 'fields' && (
        <RequiredFieldsModal
          dealId={pending.dealId}
          dealName={pending.dealName}
          stageName={pending.stageName}
          fields={pending.fields}
          builtins={pending.builtins}
          onSaved={() => pending.resolve(true)}
          onCancel={() => pending.resolve(false)}
        />
      )}
    </>
  );
}
