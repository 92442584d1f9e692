import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { BoardDeal } from '@voronka/common';
import { memo, type CSSProperties } from 'react';
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

// A column draws dozens of cards at once, so a card is plain elements styled by board.module.css
// rather than Mantine components (each of which resolves theme, style props and classes per render).

/** The closest open task: red when overdue, flagged when there is none. */
function TaskLine({ at, now, format }: { at: number | null; now: number; format: Props['format'] }) {
  if (at === null)
    return (
      <div className={classes.cardLine} data-tone="warn" data-task="none">
        {format.card.noTasks}
      </div>
    );
  const overdue = at < now;
  return (
    <div
      className={classes.cardLine}
      data-tone={overdue ? 'alert' : undefined}
      data-task={overdue ? 'overdue' : 'open'}
    >
      {format.card.task(at, overdue)}
    </div>
  );
}

/** A card's face; also drawn under the pointer while it is dragged. */
export const DealCardBody = memo(function DealCardBody({
  deal,
  userName,
  format,
  now,
}: Omit<Props, 'dropSide'>) {
  const responsible = userName(deal.responsible_user_id);
  return (
    <div className={classes.cardBody}>
      <div className={classes.cardTop}>
        <Link to={`/deals/${deal.id}`} className={classes.cardLink} draggable={false}>
          {deal.name}
        </Link>
        <span className={classes.cardPrice}>{format.money(deal.price)}</span>
      </div>
      {(deal.main_contact || deal.company) && (
        <div className={classes.cardLine} data-truncate="">
          {[deal.main_contact?.name, deal.company?.name].filter(Boolean).join(' · ')}
        </div>
      )}
      {deal.tags.length > 0 && (
        <div className={classes.cardTags}>
          {deal.tags.map((tag) => (
            <span
              key={tag.id}
              className={classes.tag}
              data-colored={tag.color ? '' : undefined}
              style={tag.color ? { backgroundColor: `#${tag.color.replace(/^#/, '')}33` } : undefined}
            >
              {tag.name}
            </span>
          ))}
        </div>
      )}
      <TaskLine at={deal.closest_task_at} now={now} format={format} />
      {deal.overdue_days !== undefined && (
        <div className={classes.cardLine} data-tone="alert" data-stage-overdue={deal.overdue_days}>
          {format.card.stageOverdue(deal.overdue_days)}
        </div>
      )}
      <div className={classes.cardFoot}>
        <span className={classes.cardLine} data-truncate="">
          {responsible ?? format.card.noResponsible}
        </span>
        <span
          className={classes.cardLine}
          data-nowrap=""
          title={format.card.inStageSince(deal.stage_entered_at)}
        >
          {format.since(deal.stage_entered_at, now)}
        </span>
      </div>
    </div>
  );
});

/** A board card: draggable (pointer or keyboard) and a drop target for ordering within a column. */
export const DealCard = memo(function DealCard({ deal, dropSide, disabled, ...rest }: Props) {
  const drag = useDraggable({ id: `deal:${deal.id}`, data: { dealId: deal.id }, disabled });
  const drop = useDroppable({ id: `card:${deal.id}`, data: { dealId: deal.id, stageId: deal.stage_id } });
  const style: CSSProperties = { opacity: drag.isDragging ? 0.35 : 1 };
  return (
    <div ref={drop.setNodeRef} className={classes.cardSlot} data-drop={dropSide ?? undefined}>
      <div
        ref={drag.setNodeRef}
        className={classes.card}
        style={style}
        data-deal-id={deal.id}
        {...drag.attributes}
        {...drag.listeners}
        aria-roledescription={rest.format.card.roleDescription}
      >
        <DealCardBody deal={deal} {...rest} />
      </div>
    </div>
  );
});
