import { useQueryClient } from '@tanstack/react-query';
import type { LiveChange } from '@voronka/common';
import { useCallback, useEffect, useRef } from 'react';
import { useLiveChanges } from '../../ui/useLiveChanges';
import { partyKey } from '../entities/api';
import { timelineKey } from '../timeline/api';
import { dealKey, type Deal } from './api';

const BATCH_MS = 100;

/**
 * Keeps an open deal card in step with changes made elsewhere (another user, the API, automation,
 * a form): a change to the deal re-reads the deal (header, stage, fields) and its feed; a note or
 * task on it re-reads the feed; a change to a linked contact or company re-reads that block.
 * Changes arriving together are read once.
 */
export function useDealLive(dealId: number, deal: Deal | undefined): void {
  const queryClient = useQueryClient();
  const pending = useRef({ deal: false, feed: false, parties: new Set<string>() });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const linked = useRef(new Set<string>());
  useEffect(() => {
    linked.current = new Set([
      ...(deal?._embedded.contacts ?? []).map((c) => `contacts:${c.id}`),
      ...(deal?._embedded.companies.map((c) => `companies:${c.id}`) ?? []),
    ]);
  }, [deal]);

  const flush = useCallback(() => {
    timer.current = null;
    const { deal: d, feed, parties } = pending.current;
    pending.current = { deal: false, feed: false, parties: new Set() };
    if (d) void queryClient.invalidateQueries({ queryKey: dealKey(dealId) });
    if (d || feed) void queryClient.invalidateQueries({ queryKey: timelineKey('leads', dealId) });
    for (const p of parties) {
      const [type, id] = p.split(':');
      if (type === 'contacts' || type === 'companies')
        void queryClient.invalidateQueries({ queryKey: partyKey(type, Number(id)) });
    }
  }, [queryClient, dealId]);

  const onChange = useCallback(
    (c: LiveChange) => {
      const p = pending.current;
      if (c.entity_type === 'leads' && c.entity_id === dealId) {
        // A note or a robot run is only in the feed; anything else may change the header or fields.
        if (c.type === 'note.added' || c.type === 'deal.robot_ran') p.feed = true;
        else p.deal = true;
      } else if (c.parent_type === 'leads' && c.parent_id === dealId) {
        p.feed = true;
        p.deal = true; // the closest task shown with the deal
      } else if (linked.current.has(`${c.entity_type}:${c.entity_id}`)) {
        p.parties.add(`${c.entity_type}:${c.entity_id}`);
      } else return;
      timer.current ??= setTimeout(flush, BATCH_MS);
    },
    [dealId, flush],
  );
  useLiveChanges(onChange, () => {
    pending.current = { deal: true, feed: true, parties: new Set(linked.current) };
    flush();
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
