import { Anchor, Center, EmptyState, Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { IconChevronLeft } from './icons';

type Heading = {
  title: string;
  /** The parent page, shown as a link above the heading of a sub-page. */
  back?: { to: string; label: string };
};
type Props = Heading &
  ({ children: ReactNode } | { emptyTitle: string; emptyText: string; icon: ReactNode; children?: never });

/** A section of the app: its heading, then either its content or a designed empty state. */
export function SectionPage(props: Props) {
  const { title, back } = props;
  useDocumentTitle(`${title} · Voronka`);
  return (
    <Stack gap="lg" h="100%">
      <Stack gap={4}>
        {back && (
          <Anchor component={Link} to={back.to} fz="sm" w="fit-content">
            <Group gap={2} wrap="nowrap">
              <IconChevronLeft size={16} />
              {back.label}
            </Group>
          </Anchor>
        )}
        <Title order={1} fz="h2">
          {title}
        </Title>
      </Stack>
      {'emptyTitle' in props ? (
        <Center py={{ base: 48, sm: 96 }}>
          <EmptyState
            maw={460}
            variant="light"
            icon={props.icon}
            title={props.emptyTitle}
            description={props.emptyText}
          />
        </Center>
      ) : (
        props.children
      )}
    </Stack>
  );
}
