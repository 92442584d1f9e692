import { useQuery } from '@tanstack/react-query';
import type { AppTask } from '@voronka/common';
import { fetchParties } from '../entities/api';
import { useDeals } from '../entities/useDealNames';

/** Names of the deals, contacts and companies the tasks are about, for links in the list. */
export function useTaskSubjects(tasks: AppTask[]): (task: AppTask) => string | undefined {
  const idsOf = (type: AppTask['entity_type']) => [
    ...new Set(tasks.flatMap((t) => (t.entity_type === type && t.entity_id ? [t.entity_id] : []))),
  ];
  const deals = useDeals(idsOf('leads'));
  const contactIds = idsOf('contacts');
  const companyIds = idsOf('companies');
  const contacts = useQuery({
    queryKey: ['v4', 'contacts', 'by-ids', contactIds],
    queryFn: () => fetchParties('contacts', { ids: contactIds, limit: 250 }),
    enabled: contactIds.length > 0,
  });
  const companies = useQuery({
    queryKey: ['v4', 'companies', 'by-ids', companyIds],
    queryFn: () => fetchParties('companies', { ids: companyIds, limit: 250 }),
    enabled: companyIds.length > 0,
  });
  return (task) => {
    const id = task.entity_id;
    if (task.entity_type === 'leads') return deals.data?.find((d) => d.id === id)?.name;
    if (task.entity_type === 'contacts') return contacts.data?.items.find((c) => c.id === id)?.name;
    if (task.entity_type === 'companies') return companies.data?.items.find((c) => c.id === id)?.name;
    return undefined;
  };
}
