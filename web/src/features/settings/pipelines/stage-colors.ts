/**
 * amoCRM's stage palette (the colours its pipeline editor offers), so boards moved over from
 * amoCRM keep their look; won and lost have their own fixed greens and greys in it.
 */
export const STAGE_COLORS = [
  '#fffeb2',
  '#fffd7f',
  '#fff000',
  '#ffeab2',
  '#ffdc7f',
  '#ffce5a',
  '#ffdbdb',
  '#ffc8c8',
  '#ff8f92',
  '#d6eaff',
  '#c1e0ff',
  '#98cbff',
  '#ebffb1',
  '#deff81',
  '#87f2c0',
  '#f9deff',
  '#f3beff',
  '#ccc8f9',
  '#eb93ff',
  '#f2f3f4',
  '#e6e8ea',
  '#99ccff',
  '#ccff66',
  '#d5d8db',
] as const;

const NEW_STAGE_CYCLE = [
  '#99ccff',
  '#fffd7f',
  '#ffce5a',
  '#ffc8c8',
  '#87f2c0',
  '#deff81',
  '#f3beff',
  '#c1e0ff',
];

/** The colour a new stage gets: the one after the last stage's in a cycle of distinct palette colours. */
export function nextStageColor(lastColor: string | undefined): string {
  const index = NEW_STAGE_CYCLE.indexOf(lastColor?.toLowerCase() ?? '');
  return NEW_STAGE_CYCLE[(index + 1) % NEW_STAGE_CYCLE.length] ?? '#99ccff';
}
