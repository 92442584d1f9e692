import { ActionIcon, Checkbox, Group, Select, Textarea, TextInput } from '@mantine/core';
import { formFieldTargets, formFieldTypes, type FormField } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import { IconChevronDown } from '../../ui/icons';

type Props = {
  field: FormField;
  index: number;
  count: number;
  onChange: (field: FormField) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

/** One field of the form builder: label, kind, where the answer goes, required, options. */
export function FormFieldRow({ field, index, count, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="wrap" data-testid="form-field-row">
      <TextInput
        label={t('forms.fieldLabel')}
        value={field.label}
        onChange={(e) => onChange({ ...field, label: e.currentTarget.value })}
        w={220}
        required
      />
      <Select
        label={t('forms.fieldType')}
        data={formFieldTypes.map((v) => ({ value: v, label: t(`forms.type.${v}`) }))}
        value={field.type}
        allowDeselect={false}
        onChange={(v) => onChange({ ...field, type: formFieldTypes.find((x) => x === v) ?? field.type })}
        w={150}
      />
      <Select
        label={t('forms.fieldTarget')}
        data={formFieldTargets.map((v) => ({ value: v, label: t(`forms.target.${v}`) }))}
        value={field.target}
        allowDeselect={false}
        onChange={(v) =>
          onChange({ ...field, target: formFieldTargets.find((x) => x === v) ?? field.target })
        }
        w={190}
      />
      <Checkbox
        label={t('forms.required')}
        checked={field.required}
        onChange={(e) => onChange({ ...field, required: e.currentTarget.checked })}
        mb={8}
      />
      {field.type === 'select' && (
        <Textarea
          label={t('forms.options')}
          description={t('forms.optionsHint')}
          value={field.options.join('\n')}
          onChange={(e) =>
            onChange({ ...field, options: e.currentTarget.value.split('\n').map((s) => s.trimStart()) })
          }
          onBlur={() => onChange({ ...field, options: field.options.map((s) => s.trim()).filter(Boolean) })}
          autosize
          minRows={2}
          w={220}
        />
      )}
      <Group gap={4} mb={4}>
        <ActionIcon
          variant="default"
          aria-label={t('forms.moveUp')}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <IconChevronDown size={16} style={{ transform: 'rotate(180deg)' }} />
        </ActionIcon>
        <ActionIcon
          variant="default"
          aria-label={t('forms.moveDown')}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <IconChevronDown size={16} />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('forms.removeField')}
          disabled={count === 1}
          onClick={onRemove}
        >
          ×
        </ActionIcon>
      </Group>
    </Group>
  );
}
