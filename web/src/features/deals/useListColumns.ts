import { useCallback, useState } from 'react';

export const listColumns = [
  'name',
  'stage',
  'price',
  'responsible',
  'contact',
  'company',
  'tags',
  'created',
  'task',
] as const;
export type ListColumn = (typeof listColumns)[number];

const KEY = 'voronka.deals.columns';

function read(): ListColumn[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (Array.isArray(parsed)) {
      const cols = listColumns.filter((c) => parsed.includes(c));
      if (cols.includes('name')) return cols;
    }
  } catch {
    // fall through to the default
  }
  return [...listColumns];
}

/** Which columns the list shows, remembered per browser; the name always stays. */
export function useListColumns() {
  const [visible, setVisible] = useState<ListColumn[]>(read);
  const toggle = useCallback((col: ListColumn) => {
    if (col === 'name') return;
    setVisible((prev) => {
      const next = listColumns.filter((c) => (c === col ? !prev.includes(c) : prev.includes(c)));
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // private mode
      }
      return next;
    });
  }, []);
  return { visible, toggle, all: listColumns };
}
