import { customFieldTypes, enumFieldTypes, type CrmEntityType, type CustomFieldType } from '@voronka/common';
import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { fetchPipelines, pipelinesKey, stageRole } from '../pipelines/pipelines-api';
import { EnumValuesEditor, newEnumDraft, type EnumDraft } from './EnumValuesEditor';
import {
  createField,
  fieldsKey,
  updateField,
  type CustomField,
  type FieldGroup,
  type FieldInput,
} from './fields-api';

type Props = {
  entity: CrmEntityType;
  field: CustomField | null;
  groups: FieldGroup[];
  onClose: () => void;
};

const MAIN_GROUP = 'main';
const statusKey = (pipelineId: number, statusId: number) => `${pipelineId}:${statusId}`;

/** Creates or edits a custom field: name, type, group, code, options, stages that require it. */
export function FieldModal({ entity, field, groups, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: fetchPipelines });
  const [name, setName] = useState(field?.name ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [code, setCode] = useState(field?.code ?? '');
  const [group, setGroup] = useState(field?.group_id !== undefined ? String(field.group_id) : MAIN_GROUP);
  const [enums, setEnums] = useState<EnumDraft[]>(
    field?.enums?.map((e) => ({ key: `id-${e.id}`, id: e.id, value: e.value })) ?? [
      newEnumDraft(),
      newEnumDraft(),
    ],
  );
  const [required, setRequired] = useState<string[]>(
    field?.required_statuses.map((s) => statusKey(s.pipeline_id, s.status_id)) ?? [],
  );
  const [submitted, setSubmitted] = useState(false);
  const hasEnums = enumFieldTypes.includes(type) && type !== 'multitext';
  const filledEnums = enums.filter((e) => e.value.trim());

  const save = useMutation({
    mutationFn: async (input: FieldInput) => {
      if (field) await updateField(entity, field.id, input);
      else await createField(entity, input);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fieldsKey(entity) });
      onClose();
    },
  });
  const serverErrors = serverFieldErrors(save.error, ['name', 'code', 'enums', 'required_statuses'] as const);
  const nameError = submitted && !name.trim() ? t('validation.required') : serverErrors.name;
  const enumsError =
    submitted && hasEnums && filledEnums.length === 0 ? t('settingsFields.needOneEnum') : serverErrors.enums;

  const submit = () => {
    setSubmitted(true);
    if (!name.trim() || (hasEnums && filledEnums.length === 0)) return;
    const input: FieldInput = {
      name: name.trim(),
      group_id: group === MAIN_GROUP ? null : Number(group),
      required_statuses: required.map((key) => {
        const [pipeline_id = 0, status_id = 0] = key.split(':').map(Number);
        return { pipeline_id, status_id };
      }),
    };
    if (!field) input.type = type;
    if (!field?.is_predefined) input.code = code.trim() ? code.trim() : null;
    if (hasEnums && !field?.is_predefined) {
      input.enums = filledEnums.map((e, i) => ({
        ...(e.id !== undefined ? { id: e.id } : {}),
        value: e.value.trim(),
        sort: (i + 1) * 10,
      }));
    }
    save.mutate(input);
  };

  const stageOptions = (pipelines.data ?? [])
    .filter((p) => !p.is_archive)
    .map((p) => ({
      group: p.name,
      items: p._embedded.statuses
        .filter((s) => stageRole(s) !== 'incoming')
        .map((s) => ({ value: statusKey(p.id, s.id), label: `${s.name} (${p.name})` })),
    }));

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={field ? t('settingsFields.editTitle', { name: field.name }) : t('settingsFields.createTitle')}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <ApiErrorAlert error={save.error} title={t('settingsFields.saveFailed')} />
          <TextInput
            label={t('settingsFields.name')}
            required
            data-autofocus
            maxLength={255}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
          />
          <Group grow align="flex-start">
            <Select
              label={t('settingsFields.type')}
              data={customFieldTypes.map((value) => ({ value, label: t(`settingsFields.types.${value}`) }))}
              value={type}
              onChange={(v) => {
                const next = customFieldTypes.find((x) => x === v);
                if (next) setType(next);
              }}
              allowDeselect={false}
              disabled={field !== null}
              description={field ? t('settingsFields.typeFixed') : undefined}
            />
            <Select
              label={t('settingsFields.group')}
              data={[
                { value: MAIN_GROUP, label: t('settingsFields.mainGroup') },
                ...groups.map((g) => ({ value: String(g.id), label: g.name })),
              ]}
              value={group}
              onChange={(v) => setGroup(v ?? MAIN_GROUP)}
              allowDeselect={false}
            />
          </Group>
          <TextInput
            label={t('settingsFields.code')}
            description={t('settingsFields.codeHint')}
            value={code}
            maxLength={100}
            disabled={field?.is_predefined}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={serverErrors.code}
          />
          {hasEnums && (
            <EnumValuesEditor
              values={enums}
              onChange={setEnums}
              error={enumsError}
              disabled={field?.is_predefined}
            />
          )}
          <MultiSelect
            label={t('settingsFields.requiredIn')}
            description={t('settingsFields.requiredInHint')}
            placeholder={required.length === 0 ? t('settingsFields.requiredNowhere') : undefined}
            data={stageOptions}
            value={required}
            onChange={setRequired}
            searchable
            clearable
            error={serverErrors.required_statuses}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {field ? t('settings.save') : t('settingsFields.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
