import { describe, expect, it } from 'vitest';
import { POSITION_STEP, positionBetween, renumberedPositions } from './ordering.ts';

describe('positionBetween', () => {
  it('places a card in an empty stage, at the top, at the bottom and between two cards', () => {
    expect(positionBetween(null, null)).toBe(0);
    expect(positionBetween(null, 100)).toBe(100 - POSITION_STEP);
    expect(positionBetween(100, null)).toBe(100 + POSITION_STEP);
    expect(positionBetween(100, 200)).toBe(150);
  });

  it('reports an exhausted gap instead of returning a neighbour’s position', () => {
    expect(positionBetween(1, 1)).toBeNull();
    expect(positionBetween(1, 1 + 1e-9)).toBeNull();
    let prev = 0;
    const next = 1;
    let inserts = 0;
    for (let p = positionBetween(prev, next); p !== null; p = positionBetween(prev, next)) {
      expect(p).toBeGreaterThan(prev);
      expect(p).toBeLessThan(next);
      prev = p;
      inserts++;
    }
    expect(inserts).toBeGreaterThan(15);
  });

  it('renumbers with even steps', () => {
    expect(renumberedPositions(3)).toEqual([1024, 2048, 3072]);
  });
});
