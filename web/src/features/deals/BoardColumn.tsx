import { ActionIcon, Box, Center, Group, Loader, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDroppable } from '@dnd-kit/core';
import type { BoardStage } from '@voronka/common';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { IconChevronLeft, IconChevronRight, IconPlus } from '../../ui/icons';
import classes from './board.module.css';
import { DealCard } from './DealCard';
import { QuickAddForm } from './QuickAddForm';
import type { useBoardFormat } from './useBoardFormat';

type Props = {
  column: BoardStage;
  pipelineId: number;
  userName: (id: number | null) => string | null;
  format: ReturnType<typeof useBoardFormat>;
  now: number;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  onLoadMore: (stageId: number) => void;
  loadingMore: boolean;
  onCreated: (dealId: number) => void;
  dropHint: { dealId: number; side: 'before' | 'after' } | null;
  isOver: boolean;
};

/** One stage: its colour, count and budget sum, quick add, and its cards in a virtual list. */
export function BoardColumn({
  column,
  pipelineId,
  userName,
  format,
  now,
  collapsed,
  onToggleCollapsed,
  onLoadMore,
  loadingMore,
  onCreated,
  dropHint,
  isOver,
}: Props) {
  const { t } = useTranslation();
  const { stage, deals } = column;
  const drop = useDroppable({ id: `stage:${stage.id}`, data: { stageId: stage.id } });
  const scrollRef = useRef<HTMLDivElement>(null);
  const [adding, setAdding] = useState(false);
  const canAdd = (stage.kind === 'open' || stage.kind === 'incoming') && column.can?.add !== false;
  const virtualizer = useVirtualizer({
    count: deals.length + (column.has_more ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 140,
    overscan: 6,
    getItemKey: (i) => deals[i]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (column.has_more && !loadingMore && lastIndex >= deals.length - 5) onLoadMore(stage.id);
  }, [column.has_more, loadingMore, lastIndex, deals.length, onLoadMore, stage.id]);

  const name = stage.kind === 'incoming' ? t('board.incoming') : stage.name;
  const color = { '--stage-color': stage.color } as CSSProperties;
  if (collapsed) {
    return (
      <Box
        ref={drop.setNodeRef}
        className={classes.column}
        data-collapsed=""
        data-over={isOver || undefined}
        data-stage-id={stage.id}
        style={color}
      >
        <UnstyledButton
          onClick={onToggleCollapsed}
          className={classes.columnHeader}
          style={{ height: '100%' }}
          aria-label={t('board.expand', { name })}
          aria-expanded={false}
        >
          <Stack align="center" gap="xs">
            <IconChevronRight size={16} />
            <Text fz="xs" fw={600}>
              {column.count}
            </Text>
            <span className={classes.collapsedName}>{name}</span>
          </Stack>
        </UnstyledButton>
      </Box>
    );
  }

  return (
    <Box
      ref={drop.setNodeRef}
      className={classes.column}
      data-over={isOver || undefined}
      data-stage-id={stage.id}
      style={color}
      role="region"
      aria-label={name}
    >
      <div className={classes.columnHeader}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text fw={700} fz="sm" tt="uppercase" truncate="end" title={name}>
            {name}
          </Text>
          <Group gap={2} wrap="nowrap">
            {canAdd && (
              <Tooltip label={t('board.quickAdd.open')}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  onClick={() => setAdding((v) => !v)}
                  aria-label={t('board.quickAdd.openIn', { name })}
                >
                  <IconPlus size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            {(stage.kind === 'won' || stage.kind === 'lost') && (
              <ActionIcon
                variant="subtle"
                size="sm"
                onClick={onToggleCollapsed}
                aria-label={t('board.collapse', { name })}
                aria-expanded
              >
                <IconChevronLeft size={16} />
              </ActionIcon>
            )}
          </Group>
        </Group>
        <Text fz="xs" c="dimmed" data-testid="column-totals">
          {t('board.dealsCount', { count: column.count })} ·{' '}
          <span data-testid="column-sum">{format.money(column.sum)}</span>
          {column.max_days !== undefined && <> · {t('board.stageLimit', { count: column.max_days })}</>}
        </Text>
      </div>
      {adding && (
        <Box px="xs" pb="xs">
          <QuickAddForm
            pipelineId={pipelineId}
            stageId={stage.id}
            onDone={(id) => {
              setAdding(false);
              if (id !== null) onCreated(id);
            }}
          />
        </Box>
      )}
      <div ref={scrollRef} className={classes.scroller} data-testid="column-scroller">
        {deals.length === 0 && !adding ? (
          <Center py="lg">
            <Text fz="xs" c="dimmed">
              {t('board.emptyColumn')}
            </Text>
          </Center>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const deal = deals[item.index];
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  {deal ? (
                    <DealCard
                      deal={deal}
                      userName={userName}
                      format={format}
                      now={now}
                      dropSide={dropHint?.dealId === deal.id ? dropHint.side : null}
                      disabled={deal.can !== undefined && !deal.can.edit && !deal.can.move_out}
                    />
                  ) : (
                    <Center py="sm" role="status" aria-label={t('app.loading')}>
                      <Loader size="xs" />
                    </Center>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </Box>
  );
}
