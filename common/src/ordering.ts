/**
 * Fractional board order (learnt from Actual): a card's `position` is a double; a move writes one
 * row with a position between its new neighbours. Only when two neighbours are too close to fit
 * a distinct number between them is the stage renumbered.
 */

/** The distance between consecutive positions after a renumbering, and the step at either end. */
export const POSITION_STEP = 1024;

/** Gaps narrower than this are treated as exhausted, long before doubles lose precision. */
const MIN_GAP = 1e-6;

/**
 * A position strictly between `prev` and `next` (either may be null: the top or bottom of the
 * stage), or null when the gap has run out and the stage must be renumbered first.
 */
export function positionBetween(prev: number | null, next: number | null): number | null {
  if (prev === null && next === null) return 0;
  if (prev === null) return (next ?? 0) - POSITION_STEP;
  if (next === null) return prev + POSITION_STEP;
  if (next - prev < MIN_GAP) return null;
  const mid = prev + (next - prev) / 2;
  return mid > prev && mid < next ? mid : null;
}

/** Positions for `count` cards in order after a renumbering: 1024, 2048, ... */
export const renumberedPositions = (count: number): number[] =>
  Array.from({ length: count }, (_, i) => (i + 1) * POSITION_STEP);
