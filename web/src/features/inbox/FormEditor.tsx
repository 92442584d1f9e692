import {
  Anchor,
  Button,
  Code,
  Divider,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formLanguages, type FormField, type WebForm, type WebFormInput } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { FormFieldRow } from './FormFieldRow';
import { blankForm, deleteForm, formsKey, saveForm } from './forms-api';
import type { PipelineOption } from './inbox-api';

type Props = {
  form: WebForm | null;
  pipelines: PipelineOption[];
  onDone: (saved: WebForm) => void;
  onClose: () => void;
};

const nextKey = (fields: FormField[]) => {
  let n = fields.length + 1;
  while (fields.some((f) => f.key === `field_${n}`)) n++;
  return `field_${n}`;
};

/** The form builder: fields mapped to contact / company / deal, consent, thank-you or redirect; then the snippets. */
export function FormEditor({ form, pipelines, onDone, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<WebFormInput>(() =>
    form
      ? {
          name: form.name,
          lang: form.lang,
          pipeline_id: form.pipeline_id,
          is_active: form.is_active,
          settings: form.settings,
        }
      : blankForm(i18n.language === 'en' ? 'en' : 'ru', (k) => t(k)),
  );
  const [confirmDelete, setConfirmDelete] = useState(false);
  const s = value.settings;
  const setSettings = (patch: Partial<WebFormInput['settings']>) =>
    setValue({ ...value, settings: { ...s, ...patch } });
  const setFields = (fields: FormField[]) => setSettings({ fields });

  const save = useMutation({
    mutationFn: () => saveForm(form?.id ?? null, value),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: formsKey });
      onDone(saved);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteForm(form?.id ?? 0),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: formsKey });
      onClose();
    },
  });

  return (
    <Stack gap="md" maw={960}>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('forms.name')}
          value={value.name}
          onChange={(e) => setValue({ ...value, name: e.currentTarget.value })}
          w={320}
          required
        />
        <Select
          label={t('forms.language')}
          description={t('forms.languageHint')}
          data={formLanguages.map((l) => ({ value: l, label: t(`forms.lang.${l}`) }))}
          value={value.lang}
          allowDeselect={false}
          onChange={(l) => setValue({ ...value, lang: formLanguages.find((x) => x === l) ?? value.lang })}
          w={180}
        />
        <Select
          label={t('forms.pipeline')}
          data={[
            { value: '', label: t('forms.mainPipeline') },
            ...pipelines.map((p) => ({ value: String(p.id), label: p.name })),
          ]}
          value={value.pipeline_id === null ? '' : String(value.pipeline_id)}
          allowDeselect={false}
          onChange={(v) => setValue({ ...value, pipeline_id: v ? Number(v) : null })}
          w={220}
        />
        <Switch
          label={t('forms.active')}
          checked={value.is_active}
          onChange={(e) => setValue({ ...value, is_active: e.currentTarget.checked })}
          mb={8}
        />
      </Group>

      <Title order={3} fz="h4">
        {t('forms.fields')}
      </Title>
      {s.fields.map((field, i) => (
        <FormFieldRow
          key={field.key}
          field={field}
          index={i}
          count={s.fields.length}
          onChange={(f) => setFields(s.fields.map((x, j) => (j === i ? f : x)))}
          onMove={(d) => {
            const next = [...s.fields];
            const [moved] = next.splice(i, 1);
            if (moved) next.splice(i + d, 0, moved);
            setFields(next);
          }}
          onRemove={() => setFields(s.fields.filter((_, j) => j !== i))}
        />
      ))}
      <Group>
        <Button
          variant="light"
          disabled={s.fields.length >= 30}
          onClick={() =>
            setFields([
              ...s.fields,
              {
                key: nextKey(s.fields),
                label: t('forms.newField'),
                type: 'text',
                target: 'none',
                required: false,
                placeholder: '',
                options: [],
              },
            ])
          }
        >
          {t('forms.addField')}
        </Button>
      </Group>

      <Divider />
      <Switch
        label={t('forms.consent')}
        checked={s.consent.enabled}
        onChange={(e) => setSettings({ consent: { ...s.consent, enabled: e.currentTarget.checked } })}
      />
      {s.consent.enabled && (
        <Textarea
          label={t('forms.consentText')}
          value={s.consent.text}
          onChange={(e) => setSettings({ consent: { ...s.consent, text: e.currentTarget.value } })}
          autosize
          maw={640}
        />
      )}
      <TextInput
        label={t('forms.submitLabel')}
        placeholder={t('forms.submitDefault')}
        value={s.submit_label}
        onChange={(e) => setSettings({ submit_label: e.currentTarget.value })}
        w={320}
      />
      <Stack gap={6}>
        <Text fw={500} fz="sm">
          {t('forms.afterSubmit')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={s.success.mode}
          data={[
            { value: 'text', label: t('forms.showText') },
            { value: 'redirect', label: t('forms.redirect') },
          ]}
          onChange={(mode) =>
            setSettings({ success: { ...s.success, mode: mode === 'redirect' ? 'redirect' : 'text' } })
          }
        />
        {s.success.mode === 'text' ? (
          <Textarea
            label={t('forms.thankYou')}
            value={s.success.text}
            onChange={(e) => setSettings({ success: { ...s.success, text: e.currentTarget.value } })}
            autosize
            maw={640}
          />
        ) : (
          <TextInput
            label={t('forms.redirectUrl')}
            placeholder="https://"
            value={s.success.redirect_url}
            onChange={(e) => setSettings({ success: { ...s.success, redirect_url: e.currentTarget.value } })}
            maw={640}
          />
        )}
      </Stack>

      <ApiErrorAlert error={save.error} title={t('forms.saveFailed')} />
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="form-save">
          {t('forms.save')}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t('forms.back')}
        </Button>
        {form && (
          <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
            {t('forms.delete')}
          </Button>
        )}
      </Group>

      {form && (
        <Stack gap="sm" data-testid="form-links">
          <Divider />
          <Title order={3} fz="h4">
            {t('forms.publish')}
          </Title>
          <Group gap="xs">
            <Text fz="sm">{t('forms.pageLink')}:</Text>
            <Anchor
              href={form.links.page}
              target="_blank"
              rel="noreferrer"
              fz="sm"
              data-testid="form-page-link"
            >
              {form.links.page}
            </Anchor>
            <CopyValueButton value={form.links.page} label={t('forms.copy')} />
          </Group>
          <Text fz="sm">{t('forms.scriptSnippet')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Code block style={{ flex: 1 }} data-testid="form-script-snippet">
              {form.links.script}
            </Code>
            <CopyValueButton value={form.links.script} label={t('forms.copy')} />
          </Group>
          <Text fz="sm">{t('forms.iframeSnippet')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Code block style={{ flex: 1 }}>
              {form.links.iframe}
            </Code>
            <CopyValueButton value={form.links.iframe} label={t('forms.copy')} />
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={confirmDelete}
        title={t('forms.deleteTitle')}
        message={t('forms.deleteText')}
        confirmLabel={t('forms.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}
