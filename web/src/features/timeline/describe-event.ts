import type { TimelineItem } from '@voronka/common';
import type { TFunction } from 'i18next';
import { isRecord } from '../../app/decode';
import { dayOf } from '../fields/values';
import type { Pipeline } from '../records/api';

type EventItem = Extract<TimelineItem, { kind: 'event' }>;

export type EventLookups = {
  t: TFunction;
  pipelines: Pipeline[];
  userName: (id: number | null | undefined) => string | undefined;
  money: (value: number) => string;
  fieldName: (id: number) => string | undefined;
  date: (seconds: number) => string;
  dateTime: (seconds: number) => string;
};

const first = (list: unknown[]): Record<string, unknown> => {
  const item = list[0];
  return isRecord(item) ? item : {};
};

function statusName(lookups: EventLookups, value: Record<string, unknown>): string {
  const pipeline = lookups.pipelines.find((p) => p.id === value.pipeline_id);
  const status = pipeline?._embedded.statuses.find((s) => s.id === value.status_id);
  return status?.name ?? lookups.t('card.timeline.unknownStage');
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** One event of the feed in words: what changed, from what to what. */
export function describeEvent(item: EventItem, lookups: EventLookups): { title: string; detail?: string } {
  const { t } = lookups;
  const before = first(item.value_before);
  const after = first(item.value_after);
  switch (item.type) {
    case 'deal.stage_changed': {
      const from = statusName(lookups, before);
      const to = statusName(lookups, after);
      return { title: t('card.timeline.events.stageChanged'), detail: `${from} → ${to}` };
    }
    case 'deal.name_changed':
    case 'contact.name_changed':
    case 'company.name_changed':
      return {
        title: t('card.timeline.events.nameChanged'),
        detail: `${text(before.name)} → ${text(after.name)}`,
      };
    case 'deal.price_changed':
      return {
        title: t('card.timeline.events.priceChanged'),
        detail: `${lookups.money(Number(before.price ?? 0))} → ${lookups.money(Number(after.price ?? 0))}`,
      };
    case 'entity.responsible_changed': {
      const id = (v: Record<string, unknown>) =>
        typeof v.responsible_user_id === 'number'
          ? v.responsible_user_id
          : isRecord(v.responsible_user) && typeof v.responsible_user.id === 'number'
            ? v.responsible_user.id
            : null;
      const name = (v: Record<string, unknown>) => lookups.userName(id(v)) ?? t('card.timeline.nobody');
      return {
        title: t('card.timeline.events.responsibleChanged'),
        detail: `${name(before)} → ${name(after)}`,
      };
    }
    case 'entity.tag_added':
    case 'entity.tag_removed': {
      const tag = item.type === 'entity.tag_added' ? after.tag : before.tag;
      return {
        title: t(
          item.type === 'entity.tag_added'
            ? 'card.timeline.events.tagAdded'
            : 'card.timeline.events.tagRemoved',
        ),
        detail: isRecord(tag) ? text(tag.name) : undefined,
      };
    }
    case 'entity.linked':
    case 'entity.unlinked': {
      const ref = item.type === 'entity.linked' ? after : before;
      // Two shapes: the deal's own links ({ entity_type, entity_id }) and amoCRM's
      // ({ link: { entity: { type: 'contact', id } } }).
      const nested = Object.values({ ...after, ...before }).find((v) => isRecord(v) && isRecord(v.entity));
      const entity = isRecord(nested) && isRecord(nested.entity) ? nested.entity : null;
      const type = text(entity?.type ?? ref.entity_type);
      const id = text(entity?.id ?? ref.entity_id);
      const kind = type.startsWith('compan') ? 'company' : type.startsWith('lead') ? 'deal' : 'contact';
      return {
        title: t(
          item.type === 'entity.linked' ? 'card.timeline.events.linked' : 'card.timeline.events.unlinked',
          {
            what: t(`card.timeline.kinds.${kind}`),
          },
        ),
        detail: id ? `#${id}` : undefined,
      };
    }
    case 'entity.field_changed': {
      const cfv = (v: Record<string, unknown>) =>
        isRecord(v.custom_field_value) ? v.custom_field_value : null;
      const info = cfv(after) ?? cfv(before);
      const fieldType = text(info?.field_type);
      const value = (v: Record<string, unknown>) => {
        const cf = cfv(v);
        const raw = cf ? text(cf.text ?? cf.value ?? '') : '';
        if (raw && /^-?\d+$/.test(raw) && (fieldType === 'date' || fieldType === 'birthday'))
          return lookups.date(Math.floor(new Date(`${dayOf(Number(raw))}T12:00:00`).getTime() / 1000));
        if (raw && /^-?\d+$/.test(raw) && fieldType === 'date_time') return lookups.dateTime(Number(raw));
        return raw;
      };
      const from = value(before);
      const to = value(after);
      const name = typeof info?.field_id === 'number' ? lookups.fieldName(info.field_id) : undefined;
      return {
        title: name ? t('card.timeline.events.fieldNamed', { name }) : t('card.timeline.events.fieldChanged'),
        detail: from || to ? `${from || '—'} → ${to || '—'}` : undefined,
      };
    }
    case 'contact.merged':
    case 'company.merged': {
      const merged = isRecord(before.merged) ? before.merged : {};
      return { title: t('duplicates.events.merged', { name: text(merged.name) }) };
    }
    case 'contact.merge_undone':
    case 'company.merge_undone': {
      const restored = isRecord(after.restored) ? after.restored : {};
      return { title: t('duplicates.events.mergeUndone', { name: text(restored.name) }) };
    }
    default:
      return { title: t(`card.timeline.events.${item.type}`) };
  }
}
