import { liveChangeSchema, type LiveChange } from '@voronka/common';
import { useEffect, useRef } from 'react';

type Listener = { onChange: (change: LiveChange) => void; onReset?: () => void };

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  // EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.
  source = new EventSource('/api/app/stream', { withCredentials: true });
  source.addEventListener('change', (event) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const change = liveChangeSchema.safeParse(parsed);
    if (!change.success) return;
    for (const l of listeners) l.onChange(change.data);
  });
  source.addEventListener('reset', () => {
    for (const l of listeners) l.onReset?.();
  });
}

function close(): void {
  source?.close();
  source = null;
}

/**
 * Calls `onChange` for every committed change in the account (GET /api/app/stream), over one
 * shared connection for the whole tab. `onReset` means too much was missed: reload what you show.
 */
export function useLiveChanges(onChange: (change: LiveChange) => void, onReset?: () => void): void {
  const latest = useRef<Listener>({ onChange, onReset });
  latest.current = { onChange, onReset };
  useEffect(() => {
    const listener: Listener = {
      onChange: (c) => latest.current.onChange(c),
      onReset: () => latest.current.onReset?.(),
    };
    listeners.add(listener);
    open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) close();
    };
  }, []);
}
