import { Button, Center, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconAlert } from './icons';

type Props = {
  title: string;
  description: string;
  actionLabel: string;
  onAction: () => void;
  icon?: ReactNode;
};

/** A whole-screen message with one way out, for states where the app cannot show anything else. */
export function FullPageMessage({ title, description, actionLabel, onAction, icon }: Props) {
  return (
    <Center mih="100dvh" p="md">
      <EmptyState
        maw={440}
        variant="light"
        color="red"
        icon={icon ?? <IconAlert size={28} />}
        title={title}
        description={description}
      >
        <EmptyState.Actions>
          <Button onClick={onAction}>{actionLabel}</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
