import type { Board, BoardCardState, BoardDeal } from '@voronka/common';

/** Pure updates of the cached board: the optimistic move, a page more, a live change. */

const byBoardOrder = (a: BoardDeal, b: BoardDeal) => a.position - b.position || a.id - b.id;

export function findCard(board: Board, dealId: number): BoardDeal | undefined {
  for (const s of board.stages) {
    const card = s.deals.find((d) => d.id === dealId);
    if (card) return card;
  }
  return undefined;
}

/** Takes a card out of its column and puts it into `stageId` at `index`, moving its count and budget. */
export function moveCard(board: Board, dealId: number, stageId: number, index: number): Board {
  const card = findCard(board, dealId);
  if (!card) return board;
  return {
    ...board,
    stages: board.stages.map((s) => {
      let deals = s.deals;
      let { count, sum } = s;
      if (s.stage.id === card.stage_id) {
        deals = deals.filter((d) => d.id !== dealId);
        if (s.stage.id !== stageId) {
          count -= 1;
          sum -= card.price;
        }
      }
      if (s.stage.id === stageId) {
        if (card.stage_id !== stageId) {
          count += 1;
          sum += card.price;
        }
        const at = Math.max(0, Math.min(index, deals.length));
        deals = [...deals.slice(0, at), { ...card, stage_id: stageId }, ...deals.slice(at)];
      }
      return deals === s.deals && count === s.count ? s : { ...s, deals, count, sum };
    }),
  };
}

/** Replaces a card with the server's version of it, wherever it sits. */
export function replaceCard(board: Board, card: BoardDeal): Board {
  return {
    ...board,
    stages: board.stages.map((s) =>
      s.deals.some((d) => d.id === card.id)
        ? { ...s, deals: s.deals.map((d) => (d.id === card.id ? card : d)) }
        : s,
    ),
  };
}

export function appendPage(board: Board, stageId: number, deals: BoardDeal[], hasMore: boolean): Board {
  return {
    ...board,
    stages: board.stages.map((s) => {
      if (s.stage.id !== stageId) return s;
      const known = new Set(s.deals.map((d) => d.id));
      return { ...s, deals: [...s.deals, ...deals.filter((d) => !known.has(d.id))], has_more: hasMore };
    }),
  };
}

/**
 * Puts a deal where the server says it is now: out of every column, then into its stage in board
 * order when that part of the column is loaded (a card below the loaded ones arrives with the next
 * page). Counts and sums come from the server's fresh totals.
 */
export function applyCardState(board: Board, state: BoardCardState): Board {
  const totals = new Map(state.totals.map((x) => [x.stage_id, x]));
  const card = state.deal;
  return {
    ...board,
    stages: board.stages.map((s) => {
      let deals = s.deals.filter((d) => d.id !== state.deal_id);
      if (card && card.stage_id === s.stage.id) {
        const last = deals.at(-1);
        const fits = !s.has_more || !last || byBoardOrder(card, last) < 0;
        if (fits) deals = [...deals, card].sort(byBoardOrder);
      }
      const total = totals.get(s.stage.id);
      return { ...s, deals, count: total?.count ?? s.count, sum: total?.sum ?? s.sum };
    }),
  };
}
