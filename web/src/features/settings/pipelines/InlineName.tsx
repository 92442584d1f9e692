import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPencil } from '../../../ui/icons-extra';

type Props = {
  value: string;
  label: string;
  onSave: (name: string) => void;
  fw?: number;
  maxLength?: number;
  /** Show only the edit button until editing starts (the name is already shown nearby). */
  buttonOnly?: boolean;
};

/** A name shown as text with an edit button; Enter or leaving the field saves, Escape cancels. */
export function InlineName({ value, label, onSave, fw, maxLength = 255, buttonOnly }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const name = (draft ?? '').trim();
    setDraft(null);
    if (name && name !== value) onSave(name);
  };
  if (draft !== null) {
    return (
      <TextInput
        value={draft}
        aria-label={label}
        size="xs"
        autoFocus
        maxLength={maxLength}
        style={{ flex: 1, minWidth: 120 }}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    );
  }
  return (
    <Group gap={4} wrap="nowrap" style={buttonOnly ? undefined : { flex: 1, minWidth: 0 }}>
      {!buttonOnly && (
        <Text fw={fw} truncate="end" onDoubleClick={() => setDraft(value)}>
          {value}
        </Text>
      )}
      <Tooltip label={t('settings.rename')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={label}
          onClick={() => setDraft(value)}
        >
          <IconPencil size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
