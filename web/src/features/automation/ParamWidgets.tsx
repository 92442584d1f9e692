import {
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useTags, useTaskTypes } from '../records/hooks';
import { fetchPipelines, type FieldInfo, type UserInfo } from './automation-api';

/** What a widget needs besides its value: the account's reference data and the input's label. */
export type WidgetContext = {
  label: string;
  required: boolean;
  error: string | undefined;
  fields: FieldInfo[];
  users: UserInfo[];
};
type WidgetProps = WidgetContext & { value: unknown; onChange: (v: unknown) => void };

const num = z.number().int().positive();
const ids = z.array(num).catch([]);
const strings = z.array(z.string()).catch([]);
const optionalId = (v: unknown) => {
  const p = num.safeParse(v);
  return p.success ? String(p.data) : null;
};

/** Every stage of every pipeline, grouped by pipeline (actions may move a deal anywhere). */
export function StagePicker({ label, required, error, value, onChange }: WidgetProps) {
  const { t } = useTranslation();
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: fetchPipelines });
  const data = (pipelines.data ?? []).map((p) => ({
    group: p.name,
    items: p._embedded.statuses.map((s) => ({
      value: String(s.id),
      label:
        s.id === 142
          ? `${p.name}: ${t('automation.widgets.won')}`
          : s.id === 143
            ? `${p.name}: ${t('automation.widgets.lost')}`
            : `${p.name}: ${s.name}`,
    })),
  }));
  // Won and lost are 142 / 143 in every pipeline: keep only the first pipeline's pair.
  const seen = new Set<string>();
  const unique = data.map((g) => ({
    ...g,
    items: g.items.filter((i) => (seen.has(i.value) ? false : (seen.add(i.value), true))),
  }));
  return (
    <Select
      label={label}
      required={required}
      error={error}
      placeholder={t('automation.widgets.chooseStage')}
      data={unique}
      value={optionalId(value)}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
      searchable
      clearable={!required}
    />
  );
}

/** One deal field; `emptyLabel` names what an empty choice means (e.g. the budget). */
export function FieldPicker({
  label,
  required,
  error,
  value,
  onChange,
  fields,
  emptyLabel,
}: WidgetProps & { emptyLabel?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      required={required}
      error={error}
      placeholder={emptyLabel ?? t('automation.widgets.chooseField')}
      data={fields.map((f) => ({ value: String(f.id), label: f.name }))}
      value={optionalId(value)}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
      searchable
      clearable={!required}
    />
  );
}

export function FieldsMultiPicker({ label, error, value, onChange, fields }: WidgetProps) {
  return (
    <MultiSelect
      label={label}
      error={error}
      data={fields.map((f) => ({ value: String(f.id), label: f.name }))}
      value={ids.parse(value).map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
    />
  );
}

export function TaskTypePicker({ label, error, value, onChange }: WidgetProps) {
  const { t } = useTranslation();
  const types = useTaskTypes();
  return (
    <Select
      label={label}
      error={error}
      placeholder={t('automation.widgets.anyTaskType')}
      data={(types.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
      value={optionalId(value)}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
      clearable
    />
  );
}

export function UsersPicker({ label, error, value, onChange, users }: WidgetProps) {
  return (
    <MultiSelect
      label={label}
      error={error}
      data={users.map((u) => ({ value: String(u.id), label: u.name }))}
      value={ids.parse(value).map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
    />
  );
}

/** Tags to add or remove: free text with the account's deal tags as suggestions. */
export function TagList({ label, error, value, onChange }: WidgetProps) {
  const tags = useTags('leads');
  return (
    <TagsInput
      label={label}
      error={error}
      data={(tags.data ?? []).map((x) => x.name)}
      value={strings.parse(value)}
      onChange={(v) => onChange(v)}
      clearable
    />
  );
}

const units = ['minutes', 'hours', 'days'] as const;
const duration = z.object({ amount: z.number(), unit: z.enum(units) }).catch({ amount: 1, unit: 'days' });

export function DurationInput({ label, error, value, onChange }: WidgetProps) {
  const { t } = useTranslation();
  const d = duration.parse(value);
  return (
    <Group gap="xs" align="flex-end" grow>
      <NumberInput
        label={label}
        error={error}
        min={0}
        value={d.amount}
        onChange={(v) => onChange({ ...d, amount: typeof v === 'number' ? v : 0 })}
      />
      <Select
        aria-label={t('automation.widgets.unit')}
        data={units.map((u) => ({ value: u, label: t(`automation.units.${u}`) }))}
        value={d.unit}
        onChange={(v) => {
          const unit = units.find((u) => u === v);
          if (unit) onChange({ ...d, unit });
        }}
        allowDeselect={false}
      />
    </Group>
  );
}

const modes = ['deal', 'user', 'round_robin', 'percentage', 'least_open'] as const;
const responsible = z
  .object({
    mode: z.enum(modes).catch('deal'),
    user_id: num.optional().catch(undefined),
    user_ids: ids,
    weights: z.array(z.number()).catch([]),
    only_working: z.boolean().catch(false),
  })
  .catch({ mode: 'deal', user_ids: [], weights: [], only_working: false });

/** Who gets the task or deal: the deal's responsible, one user, or a distribution over users. */
export function ResponsibleEditor({ label, error, value, onChange, users }: WidgetProps) {
  const { t } = useTranslation();
  const r = responsible.parse(value);
  const set = (patch: Partial<typeof r>) => {
    const next = { ...r, ...patch };
    if (next.mode !== 'user') delete next.user_id;
    onChange(next);
  };
  const userData = users.map((u) => ({ value: String(u.id), label: u.name }));
  const name = (id: number) => users.find((u) => u.id === id)?.name ?? `#${id}`;
  return (
    <Card withBorder padding="sm" data-param-group="responsible">
      <Stack gap="xs">
        <Select
          label={label}
          error={error}
          data={modes.map((m) => ({ value: m, label: t(`automation.responsibleModes.${m}`) }))}
          value={r.mode}
          onChange={(v) => {
            const mode = modes.find((m) => m === v);
            if (mode) set({ mode });
          }}
          allowDeselect={false}
        />
        {r.mode === 'user' && (
          <Select
            label={t('automation.widgets.user')}
            required
            data={userData}
            value={r.user_id ? String(r.user_id) : null}
            onChange={(v) => onChange({ ...r, user_id: v ? Number(v) : undefined })}
            searchable
          />
        )}
        {r.mode !== 'deal' && r.mode !== 'user' && (
          <>
            <MultiSelect
              label={t('automation.widgets.distributeOver')}
              required
              data={userData}
              value={r.user_ids.map(String)}
              onChange={(v) => {
                const next = v.map(Number);
                set({ user_ids: next, weights: next.map((id) => r.weights[r.user_ids.indexOf(id)] ?? 1) });
              }}
              searchable
            />
            {r.mode === 'percentage' &&
              r.user_ids.map((id, i) => (
                <NumberInput
                  key={id}
                  label={t('automation.widgets.weightOf', { name: name(id) })}
                  min={0}
                  max={1000}
                  value={r.weights[i] ?? 1}
                  onChange={(v) =>
                    set({
                      weights: r.user_ids.map((_, k) => (k === i ? Number(v) || 0 : (r.weights[k] ?? 1))),
                    })
                  }
                />
              ))}
            <Switch
              label={t('automation.widgets.onlyWorking')}
              checked={r.only_working}
              onChange={(e) => set({ only_working: e.currentTarget.checked })}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}

const question = z.object({
  label: z.string().catch(''),
  field_id: num.optional().catch(undefined),
  required: z.boolean().catch(false),
  multiline: z.boolean().catch(false),
});
const questions = z.array(question).catch([]);

/** The questionnaire's questions: a label each, the deal field its answer fills, flags. */
export function QuestionsEditor({ label, required, error, value, onChange, fields }: WidgetProps) {
  const { t } = useTranslation();
  const list = questions.parse(value);
  const set = (i: number, patch: Partial<z.infer<typeof question>>) =>
    onChange(list.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  return (
    <Stack gap="xs" data-param-group="questions">
      <Text fz="sm" fw={500}>
        {label}
        {required ? ' *' : ''}
      </Text>
      {list.map((q, i) => (
        <Card key={i} withBorder padding="xs">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              style={{ flex: 2, minWidth: 180 }}
              label={t('automation.widgets.question', { n: i + 1 })}
              value={q.label}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
            />
            <Select
              style={{ flex: 1, minWidth: 150 }}
              label={t('automation.widgets.answerField')}
              aria-label={t('automation.widgets.answerFieldOf', { n: i + 1 })}
              placeholder={t('automation.widgets.noField')}
              data={fields.map((f) => ({ value: String(f.id), label: f.name }))}
              value={q.field_id ? String(q.field_id) : null}
              onChange={(v) => set(i, { field_id: v ? Number(v) : undefined })}
              clearable
              searchable
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('automation.widgets.removeQuestion', { n: i + 1 })}
              onClick={() => onChange(list.filter((_, k) => k !== i))}
            >
              ×
            </ActionIcon>
          </Group>
          <Group gap="md" mt="xs">
            <Switch
              size="xs"
              label={t('automation.widgets.requiredAnswer')}
              aria-label={t('automation.widgets.requiredAnswerOf', { n: i + 1 })}
              checked={q.required}
              onChange={(e) => set(i, { required: e.currentTarget.checked })}
            />
            <Switch
              size="xs"
              label={t('automation.widgets.multiline')}
              aria-label={t('automation.widgets.multilineOf', { n: i + 1 })}
              checked={q.multiline}
              onChange={(e) => set(i, { multiline: e.currentTarget.checked })}
            />
          </Group>
        </Card>
      ))}
      {error && (
        <Text fz="xs" c="red">
          {error}
        </Text>
      )}
      <Button
        variant="light"
        size="xs"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...list, { label: '', required: false, multiline: false }])}
      >
        {t('automation.widgets.addQuestion')}
      </Button>
    </Stack>
  );
}

/**
 * The input for a parameter whose meaning its name tells (a stage, a field, users, a
 * responsible, a duration, tags, questions); undefined leaves it to the generic form.
 */
export function paramWidget(
  actionType: string,
  key: string,
  props: WidgetProps,
  emptyFieldLabel: string | undefined,
): ReactNode | undefined {
  const p = props;
  if (key === 'stage_id' || key === 'target_stage_id') return <StagePicker key={key} {...p} />;
  if (key === 'field_id' || key.endsWith('_field_id'))
    return (
      <FieldPicker key={key} {...p} emptyLabel={actionType === 'set_field' ? emptyFieldLabel : undefined} />
    );
  if (key === 'copy_field_ids') return <FieldsMultiPicker key={key} {...p} />;
  if (key === 'task_type_id') return <TaskTypePicker key={key} {...p} />;
  if (key === 'user_ids') return <UsersPicker key={key} {...p} />;
  if (key === 'responsible') return <ResponsibleEditor key={key} {...p} />;
  if (key === 'due_in') return <DurationInput key={key} {...p} />;
  if (actionType === 'edit_tags' && (key === 'add' || key === 'remove')) return <TagList key={key} {...p} />;
  if (key === 'questions') return <QuestionsEditor key={key} {...p} />;
  return undefined;
}
