import { useQuery } from '@tanstack/react-query';
import type { CrmEntityType } from '@voronka/common';
import { fetchFieldGroups, fetchFields, fieldGroupsKey, fieldsKey } from './api';

export const useFields = (entity: CrmEntityType) =>
  useQuery({ queryKey: fieldsKey(entity), queryFn: () => fetchFields(entity), staleTime: 60_000 });

export const useFieldGroups = (entity: CrmEntityType) =>
  useQuery({ queryKey: fieldGroupsKey(entity), queryFn: () => fetchFieldGroups(entity), staleTime: 60_000 });
