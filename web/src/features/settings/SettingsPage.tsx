import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconChevronRight, IconForms, IconFunnel, IconKey, IconUsers, type IconProps } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';

type SettingsSectionId = 'api' | 'pipelines' | 'automation' | 'users' | 'fields';

/** The settings index, in order. A section without a `path` is not built yet and is not a link. */
const sections: readonly { id: SettingsSectionId; path?: string; Icon: ComponentType<IconProps> }[] = [
  { id: 'api', path: '/settings/api', Icon: IconKey },
  { id: 'pipelines', Icon: IconFunnel },
  { id: 'automation', path: '/settings/automation', Icon: IconFunnel },
  { id: 'users', Icon: IconUsers },
  { id: 'fields', Icon: IconForms },
];

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('nav.settings')}>
      <SimpleGrid
        cols={{ base: 1, sm: 2 }}
        spacing="md"
        maw={960}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {sections.map(({ id, path, Icon }) => {
          const content = (
            <Group wrap="nowrap" align="flex-start" gap="md">
              <ThemeIcon variant="light" size={40} radius="md" color={path ? undefined : 'gray'}>
                <Icon size={22} />
              </ThemeIcon>
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Text fw={600} c={path ? undefined : 'dimmed'}>
                    {t(`settings.sections.${id}.title`)}
                  </Text>
                  {path ? (
                    <IconChevronRight size={18} />
                  ) : (
                    <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                      {t('settings.comingLater')}
                    </Badge>
                  )}
                </Group>
                <Text fz="sm" c="dimmed">
                  {t(`settings.sections.${id}.text`)}
                </Text>
              </Stack>
            </Group>
          );
          return (
            <li key={id}>
              {path ? (
                <Card component={Link} to={path} withBorder radius="lg" padding="lg" h="100%">
                  {content}
                </Card>
              ) : (
                <Card withBorder radius="lg" padding="lg" h="100%" bg="transparent">
                  {content}
                </Card>
              )}
            </li>
          );
        })}
      </SimpleGrid>
    </SectionPage>
  );
}
