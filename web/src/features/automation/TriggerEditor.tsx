import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  conditionsSchema,
  delayKinds,
  triggerWhenKinds,
  type ActionCatalog,
  type Conditions,
  type Delay,
  type TriggerInput,
  type TriggerWhen,
} from '@voronka/common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ActionParamsForm, defaultParams, type ParamsValue } from './ActionParamsForm';
import { saveTrigger, type FieldInfo, type StageInfo, type UserInfo } from './automation-api';
import { ConditionsEditor } from './ConditionsEditor';

type Props = {
  pipelineId: number;
  stages: StageInfo[];
  actions: ActionCatalog;
  fields: FieldInfo[];
  users: UserInfo[];
  /** The trigger being edited, or a new one's starting values. */
  initial: TriggerInput;
  triggerId: number | undefined;
  onClose: () => void;
};

const ALL = 'all';

/** The trigger editor: when, delay, conditions, action with its generated form, options. */
export function TriggerEditor({
  pipelineId,
  stages,
  actions,
  fields,
  users,
  initial,
  triggerId,
  onClose,
}: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial.name ?? '');
  const [stageId, setStageId] = useState<number | null>(initial.stage_id);
  const [when, setWhen] = useState<TriggerWhen>(initial.when);
  const [delay, setDelay] = useState<Delay>(initial.delay ?? { kind: 'immediately' });
  const [conditions, setConditions] = useState<Conditions>(() =>
    conditionsSchema.parse(initial.conditions ?? {}),
  );
  const [actionType, setActionType] = useState(initial.action.type);
  const [params, setParams] = useState<ParamsValue>(initial.action.params ?? {});
  const [active, setActive] = useState(initial.is_active ?? true);
  const [runIfLeft, setRunIfLeft] = useState(initial.run_if_left ?? false);
  const [applyExisting, setApplyExisting] = useState(false);
  const action = actions.find((a) => a.type === actionType);

  const save = useMutation({
    mutationFn: () =>
      saveTrigger(pipelineId, triggerId, {
        name,
        stage_id: stageId,
        when,
        delay,
        conditions,
        action: { type: actionType, params },
        is_active: active,
        run_if_left: runIfLeft,
        apply_to_existing: applyExisting,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['automation', pipelineId] });
      onClose();
    },
  });
  const error = save.error;
  const paramErrors: Record<string, string> = {};
  const otherErrors: string[] = [];
  if (error instanceof ApiError) {
    for (const e of error.fieldErrors) {
      const m = /^action\.params\.([^.]+)/.exec(e.path);
      if (m?.[1]) paramErrors[m[1]] = e.detail;
      else otherErrors.push(`${e.path}: ${e.detail}`);
    }
    if (error.fieldErrors.length === 0) otherErrors.push(error.detail ?? error.title);
  } else if (error) otherErrors.push(error.message);

  const fieldData = fields.map((f) => ({ value: String(f.id), label: f.name }));
  const dateFields = fields
    .filter((f) => f.type === 'date' || f.type === 'date_time')
    .map((f) => ({ value: String(f.id), label: f.name }));

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={triggerId ? t('automation.editor.editTitle') : t('automation.editor.newTitle')}
    >
      <Stack gap="md">
        <TextInput
          label={t('automation.editor.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label={t('automation.editor.stage')}
          data={[
            { value: ALL, label: t('automation.allStages') },
            ...stages.map((s) => ({ value: String(s.id), label: s.name })),
          ]}
          value={stageId === null ? ALL : String(stageId)}
          onChange={(v) => setStageId(v === null || v === ALL ? null : Number(v))}
          allowDeselect={false}
        />
        <Divider label={t('automation.editor.when')} labelPosition="left" />
        <Select
          label={t('automation.editor.when')}
          data={triggerWhenKinds.map((k) => ({ value: k, label: t(`automation.when.${k}`) }))}
          value={when.kind}
          onChange={(v) => {
            const kind = triggerWhenKinds.find((k) => k === v);
            if (kind) setWhen({ kind, ...(kind === 'stayed_in_stage' ? { days: 3 } : {}) });
          }}
          allowDeselect={false}
        />
        {when.kind === 'field_changed' && (
          <Select
            label={t('automation.editor.field')}
            placeholder={t('automation.editor.anyField')}
            data={fieldData}
            value={when.field_id ? String(when.field_id) : null}
            onChange={(v) => setWhen({ ...when, field_id: v ? Number(v) : undefined })}
          />
        )}
        {when.kind === 'date_field' && (
          <Group grow>
            <Select
              label={t('automation.editor.dateField')}
              data={dateFields}
              value={when.field_id ? String(when.field_id) : null}
              onChange={(v) => setWhen({ ...when, field_id: v ? Number(v) : undefined })}
            />
            <NumberInput
              label={t('automation.editor.offsetMinutes')}
              value={when.offset_minutes ?? 0}
              onChange={(v) => setWhen({ ...when, offset_minutes: typeof v === 'number' ? v : 0 })}
            />
          </Group>
        )}
        {when.kind === 'stayed_in_stage' && (
          <NumberInput
            label={t('automation.editor.days')}
            min={1}
            value={when.days ?? 1}
            onChange={(v) => setWhen({ ...when, days: typeof v === 'number' ? v : 1 })}
          />
        )}
        <Select
          label={t('automation.editor.delay')}
          data={delayKinds.map((k) => ({ value: k, label: t(`automation.delay.${k}`) }))}
          value={delay.kind}
          onChange={(v) => {
            const kind = delayKinds.find((k) => k === v);
            if (kind === 'after') setDelay({ kind, amount: 1, unit: 'days' });
            else if (kind === 'time_of_day') setDelay({ kind, days: 1, time: '10:00' });
            else if (kind) setDelay({ kind });
          }}
          allowDeselect={false}
        />
        {delay.kind === 'after' && (
          <Group grow>
            <NumberInput
              label={t('automation.editor.amount')}
              min={1}
              value={delay.amount ?? 1}
              onChange={(v) => setDelay({ ...delay, amount: typeof v === 'number' ? v : 1 })}
            />
            <Select
              label={t('automation.editor.unit')}
              data={(['minutes', 'hours', 'days'] as const).map((u) => ({
                value: u,
                label: t(`automation.units.${u}`),
              }))}
              value={delay.unit ?? 'days'}
              onChange={(v) =>
                (v === 'minutes' || v === 'hours' || v === 'days') && setDelay({ ...delay, unit: v })
              }
              allowDeselect={false}
            />
          </Group>
        )}
        {delay.kind === 'time_of_day' && (
          <Group grow>
            <NumberInput
              label={t('automation.editor.afterDays')}
              min={0}
              value={delay.days ?? 0}
              onChange={(v) => setDelay({ ...delay, days: typeof v === 'number' ? v : 0 })}
            />
            <TextInput
              label={t('automation.editor.time')}
              placeholder="10:00"
              value={delay.time ?? ''}
              onChange={(e) => setDelay({ ...delay, time: e.currentTarget.value })}
            />
          </Group>
        )}
        <Divider label={t('automation.editor.conditions')} labelPosition="left" />
        <ConditionsEditor value={conditions} onChange={setConditions} fields={fields} users={users} />
        <Divider label={t('automation.editor.action')} labelPosition="left" />
        <Select
          label={t('automation.editor.action')}
          data={actions.map((a) => ({ value: a.type, label: t(`automation.actions.${a.type}` as never) }))}
          value={actionType}
          onChange={(v) => {
            const next = actions.find((a) => a.type === v);
            if (next) {
              setActionType(next.type);
              setParams(defaultParams(next.schema));
            }
          }}
          allowDeselect={false}
        />
        {action && (
          <ActionParamsForm
            actionType={action.type}
            schema={action.schema}
            value={params}
            onChange={setParams}
            errors={paramErrors}
            fields={fields}
            users={users}
          />
        )}
        <Text fz="xs" c="dimmed">
          {t('automation.editor.placeholdersHint')}
        </Text>
        <Divider label={t('automation.editor.options')} labelPosition="left" />
        <Switch
          label={t('automation.editor.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Switch
          label={t('automation.editor.applyExisting')}
          checked={applyExisting}
          onChange={(e) => setApplyExisting(e.currentTarget.checked)}
        />
        <Switch
          label={t('automation.editor.runIfLeft')}
          checked={runIfLeft}
          onChange={(e) => setRunIfLeft(e.currentTarget.checked)}
        />
        {otherErrors.length > 0 && (
          <Alert color="red" title={t('automation.editor.saveFailed')}>
            {otherErrors.map((e) => (
              <Title key={e} order={6} fw={400}>
                {e}
              </Title>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('automation.editor.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
