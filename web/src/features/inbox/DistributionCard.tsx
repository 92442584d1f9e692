import { Button, Card, Group, MultiSelect, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRef } from '../records/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import {
  distributionModes,
  inboxSettingsKey,
  saveDistribution,
  type DistributionMode,
  type DistributionRule,
} from './inbox-settings-api';

type Props = { pipelineId: number; rule: DistributionRule; users: UserRef[] };

/** Who becomes responsible for a lead accepted from this pipeline's inbox (by hand or automatically). */
export function DistributionCard({ pipelineId, rule, users }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(rule);
  useEffect(() => setDraft(rule), [rule]);
  const save = useMutation({
    mutationFn: (next: DistributionRule) => saveDistribution(pipelineId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey }),
  });
  const userData = users.map((u) => ({ value: String(u.id), label: u.name }));
  const name = (id: number) => users.find((u) => u.id === id)?.name ?? `#${id}`;
  const setUsers = (ids: number[]) =>
    setDraft({
      ...draft,
      user_ids: ids,
      weights: ids.map((id) => draft.weights[draft.user_ids.indexOf(id)] ?? 0),
    });
  const total = draft.weights.reduce((a, b) => a + b, 0);
  const distributes = draft.mode !== 'none' && draft.mode !== 'user';
  return (
    <Card withBorder padding="md" data-testid="inbox-distribution">
      <Stack gap="sm">
        <Text fw={600}>{t('inboxSettings.distribution.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('inboxSettings.distribution.description')}
        </Text>
        <Select
          label={t('inboxSettings.distribution.mode')}
          data={distributionModes.map((m) => ({
            value: m,
            label: t(`inboxSettings.distribution.modes.${m}`),
          }))}
          value={draft.mode}
          allowDeselect={false}
          onChange={(v) => {
            const mode: DistributionMode = distributionModes.find((m) => m === v) ?? 'none';
            setDraft({
              ...draft,
              mode,
              user_ids: mode === 'user' ? draft.user_ids.slice(0, 1) : draft.user_ids,
            });
            save.reset();
          }}
        />
        <Text size="sm" c="dimmed">
          {t(`inboxSettings.distribution.hints.${draft.mode}`)}
        </Text>
        {draft.mode === 'user' && (
          <Select
            label={t('inboxSettings.distribution.user')}
            data={userData}
            value={draft.user_ids[0] ? String(draft.user_ids[0]) : null}
            onChange={(v) => setUsers(v ? [Number(v)] : [])}
            searchable
          />
        )}
        {distributes && (
          <MultiSelect
            label={t('inboxSettings.distribution.users')}
            data={userData}
            value={draft.user_ids.map(String)}
            onChange={(v) => setUsers(v.map(Number))}
            searchable
          />
        )}
        {draft.mode === 'percentage' && draft.user_ids.length > 0 && (
          <Stack gap={6}>
            {draft.user_ids.map((id, i) => (
              <NumberInput
                key={id}
                label={t('inboxSettings.distribution.share', { name: name(id) })}
                min={0}
                max={1000}
                suffix="%"
                value={draft.weights[i] ?? 0}
                onChange={(v) =>
                  setDraft({
                    ...draft,
                    weights: draft.user_ids.map((_, k) =>
                      k === i ? Number(v) || 0 : (draft.weights[k] ?? 0),
                    ),
                  })
                }
              />
            ))}
            {total !== 100 && (
              <Text size="sm" c="dimmed">
                {t('inboxSettings.distribution.notHundred', { total })}
              </Text>
            )}
          </Stack>
        )}
        {distributes && (
          <Switch
            label={t('inboxSettings.distribution.onlyWorking')}
            description={t('inboxSettings.distribution.onlyWorkingHint')}
            checked={draft.only_working}
            onChange={(e) => setDraft({ ...draft, only_working: e.currentTarget.checked })}
          />
        )}
        <ApiErrorAlert error={save.error} title={t('inboxSettings.saveFailed')} />
        <Group>
          <Button onClick={() => save.mutate(draft)} loading={save.isPending} data-testid="distribution-save">
            {t('inboxSettings.save')}
          </Button>
          {save.isSuccess && <Text size="sm">{t('inboxSettings.saved')}</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
