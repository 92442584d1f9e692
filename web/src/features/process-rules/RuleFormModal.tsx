import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BoardMeta } from '@voronka/common';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { fieldOptions, refKey, refOfKey } from './field-options';
import { ConditionsBuilder } from './ConditionsBuilder';
import { ruleErrors } from './use-rule-errors';
import {
  createRule,
  ruleKinds,
  rulesKey,
  updateRule,
  type Rule,
  type RuleConfig,
  type RuleInput,
  type RuleKind,
} from './rules-api';

type Props = {
  meta: BoardMeta;
  /** The rule being edited, or the new rule's starting point. */
  rule: Rule | null;
  defaultPipelineId: number | null;
  onClose: () => void;
};

/** The keys of the config each kind sends, with the server's defaults for a new rule. */
const defaults: Record<RuleKind, RuleConfig> = {
  required_fields: { fields: [], apply_to_robot: false },
  loss_reason: { apply_to_robot: false },
  validation: { tag: null, conditions: [], message: '', apply_to_robot: false },
  stage_limit: { days: 7, notify_responsible: true, notify_user_ids: [] },
  reanimation: {
    min_days: 30,
    exclude_tags: [],
    conditions: [],
    loss_reason_required: true,
    tag: null,
  },
};

/** Only the keys of the kind, so switching kinds in the form sends nothing stale. */
function configFor(kind: RuleKind, config: RuleConfig): RuleConfig {
  const base = defaults[kind];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base) as Array<keyof RuleConfig>) out[key] = config[key] ?? base[key];
  if (kind === 'reanimation' && config.target_stage_id !== undefined)
    out.target_stage_id = config.target_stage_id;
  return out;
}

const claimed = [
  'kind',
  'name',
  'pipeline_id',
  'stage_id',
  'config.fields',
  'config.conditions',
  'config.days',
  'config.notify_user_ids',
  'config.min_days',
  'config.exclude_tags',
  'config.target_stage_id',
  'config.tag',
  'config.message',
] as const;

/** Create or edit one process rule, with inputs for its kind; the server's errors sit by them. */
export function RuleFormModal({ meta, rule, defaultPipelineId, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'required_fields');
  const [name, setName] = useState(rule?.name ?? '');
  const [pipelineId, setPipelineId] = useState<number | null>(rule ? rule.pipeline_id : defaultPipelineId);
  const [stageId, setStageId] = useState<number | null>(rule?.stage_id ?? null);
  const [isActive, setIsActive] = useState(rule?.is_active ?? true);
  const [config, setConfig] = useState<RuleConfig>(rule?.config ?? {});
  const c = configFor(kind, config);
  const patch = (p: Partial<RuleConfig>) => setConfig((prev) => ({ ...prev, ...p }));

  const save = useMutation({
    mutationFn: (input: RuleInput) => (rule ? updateRule(rule.id, input) : createRule(input)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: rulesKey });
      onClose();
    },
  });
  const { errorAt, rest } = ruleErrors(save.error, claimed);

  const pipeline = meta.pipelines.find((p) => p.id === pipelineId);
  const stageOptions = (closed: boolean) =>
    (pipeline?.stages ?? [])
      .filter((s) => closed || s.kind === 'open')
      .map((s) => ({ value: String(s.id), label: s.name }));
  const needsStage = kind === 'required_fields' || kind === 'stage_limit';
  const hasStage = kind !== 'loss_reason' && kind !== 'reanimation';
  const pipelineRequired = kind === 'reanimation' || needsStage;
  const tagData = meta.tags.map((tag) => tag.name);
  const userData = meta.users
    .filter((u) => u.is_active || c.notify_user_ids?.includes(u.id))
    .map((u) => ({ value: String(u.id), label: u.name }));
  const robotSwitch = (
    <Switch
      label={t('processRules.form.applyToRobot')}
      description={t('processRules.form.applyToRobotHint')}
      checked={c.apply_to_robot ?? false}
      onChange={(e) => patch({ apply_to_robot: e.currentTarget.checked })}
    />
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      kind,
      name: name.trim(),
      pipeline_id: pipelineId,
      stage_id: hasStage ? stageId : null,
      is_active: isActive,
      config: c,
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      centered
      title={rule ? t('processRules.form.editTitle') : t('processRules.form.newTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('processRules.form.kind')}
            data={ruleKinds.map((k) => ({ value: k, label: t(`processRules.kinds.${k}.title`) }))}
            value={kind}
            allowDeselect={false}
            disabled={rule !== null}
            description={t(`processRules.kinds.${kind}.text`)}
            error={errorAt('kind')}
            onChange={(k) => {
              const next = ruleKinds.find((x) => x === k);
              if (next) setKind(next);
            }}
          />
          <TextInput
            label={t('processRules.form.name')}
            placeholder={t(`processRules.kinds.${kind}.title`)}
            value={name}
            maxLength={255}
            error={errorAt('name')}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <Select
              label={t('processRules.form.pipeline')}
              placeholder={t('processRules.allPipelines')}
              data={meta.pipelines.map((p) => ({ value: String(p.id), label: p.name }))}
              value={pipelineId === null ? null : String(pipelineId)}
              clearable={!pipelineRequired}
              required={pipelineRequired}
              error={errorAt('pipeline_id')}
              onChange={(v) => {
                setPipelineId(v ? Number(v) : null);
                setStageId(null);
                patch({ target_stage_id: undefined });
              }}
            />
            {hasStage && (
              <Select
                label={t('processRules.form.stage')}
                placeholder={needsStage ? t('processRules.form.pickStage') : t('processRules.allStages')}
                data={stageOptions(kind === 'required_fields')}
                value={stageId === null ? null : String(stageId)}
                clearable={!needsStage}
                required={needsStage}
                disabled={!pipeline}
                error={errorAt('stage_id')}
                onChange={(v) => setStageId(v ? Number(v) : null)}
              />
            )}
          </Group>

          {kind === 'required_fields' && (
            <>
              <MultiSelect
                label={t('processRules.form.fields')}
                description={t('processRules.form.fieldsHint')}
                data={fieldOptions(meta, t)}
                value={(c.fields ?? []).map(refKey)}
                searchable
                required
                error={errorAt('config.fields')}
                onChange={(keys) => patch({ fields: keys.flatMap((k) => refOfKey(k) ?? []) })}
              />
              {robotSwitch}
            </>
          )}

          {kind === 'loss_reason' && robotSwitch}

          {kind === 'validation' && (
            <>
              <Select
                label={t('processRules.form.tag')}
                description={t('processRules.form.tagHint')}
                data={tagData}
                value={c.tag ?? null}
                searchable
                clearable
                error={errorAt('config.tag')}
                onChange={(v) => patch({ tag: v })}
              />
              <ConditionsBuilder
                label={t('processRules.form.conditions')}
                value={c.conditions ?? []}
                onChange={(conditions) => patch({ conditions })}
                meta={meta}
                errorAt={errorAt}
              />
              <Textarea
                label={t('processRules.form.message')}
                description={t('processRules.form.messageHint')}
                value={c.message ?? ''}
                maxLength={500}
                autosize
                minRows={2}
                error={errorAt('config.message')}
                onChange={(e) => patch({ message: e.currentTarget.value })}
              />
              {robotSwitch}
            </>
          )}

          {kind === 'stage_limit' && (
            <>
              <NumberInput
                label={t('processRules.form.days')}
                min={0.01}
                max={3650}
                decimalScale={2}
                required
                value={c.days ?? ''}
                error={errorAt('config.days')}
                onChange={(v) => patch({ days: typeof v === 'number' ? v : undefined })}
              />
              <Switch
                label={t('processRules.form.notifyResponsible')}
                checked={c.notify_responsible ?? true}
                onChange={(e) => patch({ notify_responsible: e.currentTarget.checked })}
              />
              <MultiSelect
                label={t('processRules.form.supervisors')}
                description={t('processRules.form.supervisorsHint')}
                data={userData}
                value={(c.notify_user_ids ?? []).map(String)}
                searchable
                error={errorAt('config.notify_user_ids')}
                onChange={(ids) => patch({ notify_user_ids: ids.map(Number) })}
              />
            </>
          )}

          {kind === 'reanimation' && (
            <>
              <Select
                label={t('processRules.form.targetStage')}
                description={t('processRules.form.targetStageHint')}
                data={stageOptions(false)}
                value={c.target_stage_id === undefined ? null : String(c.target_stage_id)}
                required
                disabled={!pipeline}
                error={errorAt('config.target_stage_id')}
                onChange={(v) => patch({ target_stage_id: v ? Number(v) : undefined })}
              />
              <NumberInput
                label={t('processRules.form.minDays')}
                min={0}
                max={3650}
                value={c.min_days ?? ''}
                error={errorAt('config.min_days')}
                onChange={(v) => patch({ min_days: typeof v === 'number' ? v : undefined })}
              />
              <TagsInput
                label={t('processRules.form.excludeTags')}
                data={tagData}
                value={c.exclude_tags ?? []}
                error={errorAt('config.exclude_tags')}
                onChange={(tags) => patch({ exclude_tags: tags })}
              />
              <ConditionsBuilder
                label={t('processRules.form.conditions')}
                value={c.conditions ?? []}
                onChange={(conditions) => patch({ conditions })}
                meta={meta}
                errorAt={errorAt}
              />
              <TextInput
                label={t('processRules.form.newTag')}
                description={t('processRules.form.newTagHint')}
                value={c.tag ?? ''}
                maxLength={255}
                error={errorAt('config.tag')}
                onChange={(e) => patch({ tag: e.currentTarget.value || null })}
              />
              <Switch
                label={t('processRules.form.lossReasonRequired')}
                checked={c.loss_reason_required ?? true}
                onChange={(e) => patch({ loss_reason_required: e.currentTarget.checked })}
              />
            </>
          )}

          <Switch
            label={t('processRules.form.active')}
            checked={isActive}
            onChange={(e) => setIsActive(e.currentTarget.checked)}
          />
          {(rest.length > 0 ||
            (save.error && !(save.error instanceof ApiError && save.error.fieldErrors.length > 0))) && (
            <Alert color="red" variant="light" title={t('processRules.saveFailed')} role="alert">
              {rest.length > 0
                ? rest.map((e) => e.detail).join('; ')
                : save.error instanceof ApiError
                  ? save.error.status === 403
                    ? t('common.forbidden')
                    : (save.error.detail ?? save.error.title)
                  : String(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('processRules.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
