import { useQuery } from '@tanstack/react-query';
import type { CrmEntityType } from '@voronka/common';
import { useMemo } from 'react';
import {
  fetchLossReasons,
  fetchPipelines,
  fetchTags,
  fetchTaskTypes,
  fetchUsers,
  lossReasonsKey,
  pipelinesKey,
  tagsKey,
  taskTypesKey,
  usersKey,
} from './api';

const REFERENCE_STALE = 5 * 60_000;

export const useUsers = () =>
  useQuery({ queryKey: usersKey, queryFn: fetchUsers, staleTime: REFERENCE_STALE });
export const usePipelines = () =>
  useQuery({ queryKey: pipelinesKey, queryFn: fetchPipelines, staleTime: REFERENCE_STALE });
export const useLossReasons = () =>
  useQuery({ queryKey: lossReasonsKey, queryFn: fetchLossReasons, staleTime: REFERENCE_STALE });
export const useTaskTypes = () =>
  useQuery({ queryKey: taskTypesKey, queryFn: fetchTaskTypes, staleTime: REFERENCE_STALE });
export const useTags = (entity: CrmEntityType) =>
  useQuery({ queryKey: tagsKey(entity), queryFn: () => fetchTags(entity), staleTime: 60_000 });

/** A user's name by id ("—" for none, "Robot" for 0 is left to the caller). */
export function useUserNames(): (id: number | null | undefined) => string | undefined {
  const users = useUsers();
  return useMemo(() => {
    const byId = new Map((users.data ?? []).map((u) => [u.id, u.name]));
    return (id) => (id == null ? undefined : byId.get(id));
  }, [users.data]);
}
