import { useCallback, useState } from 'react';

const KEY = 'voronka.board.expanded';

function read(): Set<number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is number => typeof x === 'number') : []);
  } catch {
    return new Set();
  }
}

/** Won and lost columns start folded; the ones the user unfolds stay so (per browser). */
export function useCollapsedStages() {
  const [expanded, setExpanded] = useState(read);
  const toggle = useCallback((stageId: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(stageId)) next.delete(stageId);
      else next.add(stageId);
      try {
        localStorage.setItem(KEY, JSON.stringify([...next]));
      } catch {
        // private mode: the choice lasts for this page only
      }
      return next;
    });
  }, []);
  return { isCollapsed: (stageId: number) => !expanded.has(stageId), toggle };
}
