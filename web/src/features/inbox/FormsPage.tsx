import { Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { WebForm } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconPlus } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';
import { FormEditor } from './FormEditor';
import { fetchForms, formsKey } from './forms-api';
import { fetchPipelines } from './inbox-api';

/** Inbox → Web forms: the forms of the account, each with its page and embed snippets; the builder. */
export function FormsPage() {
  const { t } = useTranslation();
  const forms = useQuery({ queryKey: formsKey, queryFn: fetchForms });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: fetchPipelines });
  const [editing, setEditing] = useState<WebForm | 'new' | null>(null);

  return (
    <SectionPage title={t('forms.title')} back={{ to: '/inbox', label: t('nav.inbox') }}>
      {editing ? (
        <FormEditor
          form={editing === 'new' ? null : editing}
          pipelines={pipelines.data ?? []}
          onDone={(saved) => setEditing(saved)}
          onClose={() => setEditing(null)}
        />
      ) : (
        <Stack gap="md" maw={960}>
          <Group>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="form-new"
            >
              {t('forms.create')}
            </Button>
          </Group>
          <ApiErrorAlert
            error={forms.error}
            title={t('forms.loadFailed')}
            onRetry={() => void forms.refetch()}
          />
          {forms.isPending && <Loader />}
          {forms.data?.length === 0 && <Text c="dimmed">{t('forms.empty')}</Text>}
          {forms.data?.map((form) => (
            <Card key={form.id} withBorder radius="md">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{form.name}</Text>
                    <Badge variant="light" color={form.is_active ? 'green' : 'gray'}>
                      {form.is_active ? t('forms.active') : t('forms.inactive')}
                    </Badge>
                    <Badge variant="outline">{form.lang}</Badge>
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {t('forms.fieldCount', { count: form.settings.fields.length })}
                  </Text>
                </Stack>
                <Button variant="default" onClick={() => setEditing(form)}>
                  {t('forms.edit')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </SectionPage>
  );
}
