import { Group, Stack, Textarea } from '@mantine/core';
import type { FocusEvent } from 'react';
import { CopyValueButton } from './CopyValueButton';

type Props = { label: string; value: string; copyLabel: string; description?: string };

/** A read-only value shown whole (wrapped, monospace), selected on focus, with a copy button. */
export function SecretField({ label, value, copyLabel, description }: Props) {
  return (
    <Stack gap="xs">
      <Textarea
        label={label}
        description={description}
        value={value}
        readOnly
        autosize
        minRows={1}
        maxRows={8}
        spellCheck={false}
        onFocus={(event: FocusEvent<HTMLTextAreaElement>) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
      />
      <Group justify="flex-end">
        <CopyValueButton value={value} label={copyLabel} withText />
      </Group>
    </Stack>
  );
}
