import { Button, Card, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import {
  fetchDuplicateSettings,
  saveDuplicateSettings,
  type DuplicateMode,
  type DuplicateSettings,
} from './duplicates-api';

const modes: DuplicateMode[] = ['off', 'warn', 'merge'];

/** The account's duplicate control (administrators): arrivals, manual creation, open deal. */
export function DuplicateSettingsCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['duplicates', 'settings'], queryFn: fetchDuplicateSettings });
  const [draft, setDraft] = useState<DuplicateSettings | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  const save = useMutation({
    mutationFn: saveDuplicateSettings,
    onSuccess: (saved) => queryClient.setQueryData(['duplicates', 'settings'], saved),
  });
  const modeData = modes.map((m) => ({ value: m, label: t(`duplicates.settings.mode.${m}`) }));
  const asMode = (v: string | null): DuplicateMode => modes.find((m) => m === v) ?? 'off';
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={600}>{t('duplicates.settings.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('duplicates.settings.description')}
        </Text>
        {draft && (
          <>
            <Group grow align="flex-start">
              <Select
                label={t('duplicates.settings.arrivals')}
                data={modeData}
                value={draft.arrivals}
                onChange={(v) => setDraft({ ...draft, arrivals: asMode(v) })}
                allowDeselect={false}
              />
              <Select
                label={t('duplicates.settings.manual')}
                description={t('duplicates.settings.manualHint')}
                data={modeData}
                value={draft.manual}
                onChange={(v) => setDraft({ ...draft, manual: asMode(v) })}
                allowDeselect={false}
              />
            </Group>
            <Checkbox
              label={t('duplicates.settings.mergeOpenDeal')}
              checked={draft.merge_open_deal}
              disabled={draft.arrivals !== 'merge'}
              onChange={(e) => setDraft({ ...draft, merge_open_deal: e.currentTarget.checked })}
            />
            <ApiErrorAlert error={save.error} title={t('duplicates.settings.saveFailed')} />
            <Group>
              <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
                {t('duplicates.settings.save')}
              </Button>
              {save.isSuccess && <Text size="sm">{t('duplicates.settings.saved')}</Text>}
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
