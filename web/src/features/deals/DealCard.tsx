import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { BoardDeal } from '@voronka/common';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import classes from './board.module.css';
import type { useBoardFormat } from './useBoardFormat';

type Props = {
  deal: BoardDeal;
  userName: (id: number | null) => string | null;
  format: ReturnType<typeof useBoardFormat>;
  now: number;
  /** Draws a line above or below the card while another card hovers it. */
  dropSide?: 'before' | 'after' | null;
  disabled?: boolean;
};

/** The closest open task: red when overdue, flagged when there is none. */
function TaskLine({ at, now, format }: { at: number | null; now: number; format: Props['format'] }) {
  const { t } = useTranslation();
  if (at === null)
    return (
      <Text fz="xs" c="orange.7" data-task="none">
        {t('board.card.noTasks')}
      </Text>
    );
  const overdue = at < now;
  return (
    <Text
      fz="xs"
      c={overdue ? 'red.7' : 'dimmed'}
      fw={overdue ? 600 : undefined}
      data-task={overdue ? 'overdue' : 'open'}
    >
      {overdue
        ? t('board.card.overdueTask', { date: format.dateTime(at) })
        : t('board.card.task', { date: format.dateTime(at) })}
    </Text>
  );
}

/** A card's face; also drawn under the pointer while it is dragged. */
export const DealCardBody = memo(function DealCardBody({
  deal,
  userName,
  format,
  now,
}: Omit<Props, 'dropSide'>) {
  const { t } = useTranslation();
  const responsible = userName(deal.responsible_user_id);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Link to={`/deals/${deal.id}`} className={classes.cardLink} draggable={false}>
          {deal.name}
        </Link>
        <Text fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {format.money(deal.price)}
        </Text>
      </Group>
      {(deal.main_contact || deal.company) && (
        <Text fz="xs" c="dimmed" truncate="end">
          {[deal.main_contact?.name, deal.company?.name].filter(Boolean).join(' · ')}
        </Text>
      )}
      {deal.tags.length > 0 && (
        <Group gap={4}>
          {deal.tags.map((tag) => (
            <Badge
              key={tag.id}
              size="xs"
              variant="light"
              color={tag.color ? undefined : 'gray'}
              style={tag.color ? { backgroundColor: `#${tag.color.replace(/^#/, '')}33` } : undefined}
            >
              {tag.name}
            </Badge>
          ))}
        </Group>
      )}
      <TaskLine at={deal.closest_task_at} now={now} format={format} />
      {deal.overdue_days !== undefined && (
        <Text fz="xs" c="red.7" fw={600} data-stage-overdue={deal.overdue_days}>
          {t('board.card.stageOverdue', { count: deal.overdue_days })}
        </Text>
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fz="xs" c="dimmed" truncate="end">
          {responsible ?? t('board.card.noResponsible')}
        </Text>
        <Text
          fz="xs"
          c="dimmed"
          title={t('board.card.inStageSince', { date: format.dateTime(deal.stage_entered_at) })}
          style={{ whiteSpace: 'nowrap' }}
        >
          {format.since(deal.stage_entered_at, now)}
        </Text>
      </Group>
    </Stack>
  );
});

/** A board card: draggable (pointer or keyboard) and a drop target for ordering within a column. */
export const DealCard = memo(function DealCard({ deal, dropSide, disabled, ...rest }: Props) {
  const { t } = useTranslation();
  const drag = useDraggable({ id: `deal:${deal.id}`, data: { dealId: deal.id }, disabled });
  const drop = useDroppable({ id: `card:${deal.id}`, data: { dealId: deal.id, stageId: deal.stage_id } });
  const style: CSSProperties = { opacity: drag.isDragging ? 0.35 : 1 };
  return (
    <div ref={drop.setNodeRef} className={classes.cardSlot} data-drop={dropSide ?? undefined}>
      <Paper
        ref={drag.setNodeRef}
        withBorder
        radius="md"
        p="xs"
        className={classes.card}
        style={style}
        data-deal-id={deal.id}
        {...drag.attributes}
        {...drag.listeners}
        aria-roledescription={t('board.dnd.card')}
      >
        <DealCardBody deal={deal} {...rest} />
      </Paper>
    </div>
  );
});
