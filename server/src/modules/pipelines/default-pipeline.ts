import type { StageKind } from '../../db/types-crm.ts';

export type StageTemplate = { name: string; kind: StageKind; sort: number; color: string };

type Locale = 'ru' | 'en';
const localeOf = (locale: string): Locale => (locale === 'en' ? 'en' : 'ru');

/** amoCRM's fixed sorts: the incoming stage first, won and lost after any open stage. */
export const INCOMING_SORT = 10;
export const WON_SORT = 10000;
export const LOST_SORT = 11000;
export const OPEN_SORT_STEP = 10;

const names = {
  ru: {
    pipeline: 'Воронка',
    incoming: 'Неразобранное',
    open: ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора'],
    won: 'Успешно реализовано',
    lost: 'Закрыто и не реализовано',
    lossReasons: ['Дорого', 'Выбрали конкурента', 'Не выходит на связь', 'Нет потребности'],
  },
  en: {
    pipeline: 'Sales pipeline',
    incoming: 'Incoming leads',
    open: ['Initial contact', 'Negotiation', 'Decision making', 'Contract discussion'],
    won: 'Closed - won',
    lost: 'Closed - lost',
    lossReasons: ['Too expensive', 'Chose a competitor', 'Unreachable', 'No need'],
  },
} as const;

const openColors = ['#99ccff', '#ffff99', '#ffcc66', '#ffcccc'];

/** The stages every pipeline has whatever its open stages: incoming, won and lost. */
export function fixedStages(locale: string): StageTemplate[] {
  const n = names[localeOf(locale)];
  return [
    { name: n.incoming, kind: 'incoming', sort: INCOMING_SORT, color: '#c1c1c1' },
    { name: n.won, kind: 'won', sort: WON_SORT, color: '#ccff66' },
    { name: n.lost, kind: 'lost', sort: LOST_SORT, color: '#d5d8db' },
  ];
}

/** The open stages a pipeline gets when none are given. */
export function defaultOpenStages(locale: string): StageTemplate[] {
  return names[localeOf(locale)].open.map((name, i) => ({
    name,
    kind: 'open' as const,
    sort: INCOMING_SORT + OPEN_SORT_STEP * (i + 1),
    color: openColors[i % openColors.length] ?? '#99ccff',
  }));
}

export const defaultPipelineName = (locale: string): string => names[localeOf(locale)].pipeline;
export const defaultLossReasons = (locale: string): readonly string[] => names[localeOf(locale)].lossReasons;
