import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { IconCheck, IconCopy } from './icons';

type Props = {
  value: string;
  /** What is copied, for screen readers and the tooltip ("Copy client ID"). */
  label: string;
  /** A button that says what it copies instead of a bare icon, for the values a dialog is about. */
  withText?: boolean;
};

/** Copies a value to the clipboard and says so; if the browser refuses, says that instead. */
export function CopyValueButton({ value, label, withText }: Props) {
  const { t } = useTranslation();
  const clipboard = useClipboard({ timeout: 2000 });
  const status = clipboard.error ? t('common.copyFailed') : clipboard.copied ? t('common.copied') : label;
  const color = clipboard.error ? 'red' : clipboard.copied ? 'teal' : undefined;
  const icon = clipboard.copied ? <IconCheck size={16} /> : <IconCopy size={16} />;

  if (withText) {
    return (
      <Button variant="light" color={color} leftSection={icon} onClick={() => clipboard.copy(value)}>
        {status}
      </Button>
    );
  }
  return (
    <Tooltip label={status} withArrow>
      <ActionIcon
        variant="subtle"
        color={color ?? 'gray'}
        aria-label={label}
        onClick={() => clipboard.copy(value)}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
