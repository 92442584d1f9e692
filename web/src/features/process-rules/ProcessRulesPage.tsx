import { ActionIcon, Badge, Button, Card, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardMeta } from '@voronka/common';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconPlus } from '../../ui/icons';
import { IconPencil, IconTrash } from '../../ui/icons-extra';
import { SectionPage } from '../../ui/SectionPage';
import { AdminOnly } from '../settings/AdminOnly';
import { boardMetaKey, fetchBoardMeta } from '../deals/board-api';
import { refLabel } from './field-options';
import { RuleFormModal } from './RuleFormModal';
import { deleteRule, fetchRules, inputOf, rulesKey, updateRule, type Rule } from './rules-api';

/** One line on what the rule does, in the reader's words. */
function summary(rule: Rule, meta: BoardMeta, t: TFunction): string {
  const c = rule.config;
  const stageName = (id: number | undefined | null) =>
    meta.pipelines.flatMap((p) => p.stages).find((s) => s.id === id)?.name ?? `#${id ?? '?'}`;
  const fields = (c.fields ?? []).map((f) => refLabel(f, meta, t)).join(', ');
  switch (rule.kind) {
    case 'required_fields':
      return t('processRules.summary.required_fields', { fields });
    case 'loss_reason':
      return t('processRules.summary.loss_reason');
    case 'validation':
      return c.message || t('processRules.summary.validation', { count: c.conditions?.length ?? 0 });
    case 'stage_limit':
      return t('processRules.summary.stage_limit', { days: c.days ?? 0 });
    case 'reanimation':
      return t('processRules.summary.reanimation', {
        days: c.min_days ?? 0,
        stage: stageName(c.target_stage_id),
      });
  }
}

function RuleRow({ rule, meta, onEdit }: { rule: Rule; meta: BoardMeta; onEdit: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: rulesKey });
  const toggle = useMutation({
    mutationFn: (active: boolean) => updateRule(rule.id, inputOf(rule, { is_active: active })),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => deleteRule(rule.id), onSuccess: refresh });
  const stage = meta.pipelines.flatMap((p) => p.stages).find((s) => s.id === rule.stage_id);
  const title = rule.name || t(`processRules.kinds.${rule.kind}.title`);
  return (
    <Stack gap={4} data-testid={`rule-${rule.id}`} py="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} c={rule.is_active ? undefined : 'dimmed'}>
              {title}
            </Text>
            <Badge variant="light" size="sm" styles={{ root: { textTransform: 'none' } }}>
              {t(`processRules.kinds.${rule.kind}.title`)}
            </Badge>
            {stage && (
              <Badge variant="outline" color="gray" size="sm" styles={{ root: { textTransform: 'none' } }}>
                {stage.name}
              </Badge>
            )}
          </Group>
          <Text fz="sm" c="dimmed">
            {summary(rule, meta, t)}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Switch
            aria-label={t('processRules.toggle', { name: title })}
            checked={toggle.isPending ? toggle.variables : rule.is_active}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          />
          <ActionIcon variant="subtle" aria-label={t('processRules.edit', { name: title })} onClick={onEdit}>
            <IconPencil size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('processRules.delete', { name: title })}
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(t('processRules.deleteConfirm', { name: title }))) remove.mutate();
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <ApiErrorAlert error={toggle.error ?? remove.error} title={t('processRules.saveFailed')} />
    </Stack>
  );
}

/** Settings → Process rules: the regulation of each pipeline, grouped by pipeline. */
export function ProcessRulesPage() {
  const { t } = useTranslation();
  const meta = useQuery({ queryKey: boardMetaKey, queryFn: fetchBoardMeta });
  const rules = useQuery({ queryKey: rulesKey, queryFn: fetchRules });
  const [editing, setEditing] = useState<{ rule: Rule | null; pipelineId: number | null } | null>(null);

  const groups = [
    { id: null, name: t('processRules.allPipelines') },
    ...(meta.data?.pipelines ?? []).map((p) => ({ id: p.id, name: p.name })),
  ];
  return (
    <AdminOnly>
      <SectionPage title={t('processRules.title')} back={{ to: '/settings', label: t('nav.settings') }}>
        <Stack maw={960} gap="md">
          <Group justify="space-between">
            <Text c="dimmed" fz="sm" style={{ flex: 1 }}>
              {t('processRules.intro')}
            </Text>
            <Button
              leftSection={<IconPlus size={16} />}
              disabled={!meta.data}
              onClick={() => setEditing({ rule: null, pipelineId: meta.data?.pipelines[0]?.id ?? null })}
            >
              {t('processRules.add')}
            </Button>
          </Group>
          <ApiErrorAlert error={meta.error ?? rules.error} title={t('processRules.loadFailed')} />
          {(meta.isPending || rules.isPending) && <Loader />}
          {meta.data &&
            rules.data &&
            groups.map((g) => {
              const own = rules.data.filter((r) => r.pipeline_id === g.id);
              if (g.id === null && own.length === 0) return null;
              return (
                <Card
                  key={g.id ?? 'all'}
                  withBorder
                  radius="lg"
                  data-testid={`rules-pipeline-${g.id ?? 'all'}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Title order={4}>{g.name}</Title>
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setEditing({ rule: null, pipelineId: g.id })}
                    >
                      {t('processRules.addHere')}
                    </Button>
                  </Group>
                  {own.length === 0 ? (
                    <Text fz="sm" c="dimmed">
                      {t('processRules.empty')}
                    </Text>
                  ) : (
                    <Stack gap={0}>
                      {own.map((r) => (
                        <RuleRow
                          key={r.id}
                          rule={r}
                          meta={meta.data}
                          onEdit={() => setEditing({ rule: r, pipelineId: r.pipeline_id })}
                        />
                      ))}
                    </Stack>
                  )}
                </Card>
              );
            })}
        </Stack>
        {editing && meta.data && (
          <RuleFormModal
            meta={meta.data}
            rule={editing.rule}
            defaultPipelineId={editing.pipelineId}
            onClose={() => setEditing(null)}
          />
        )}
      </SectionPage>
    </AdminOnly>
  );
}
