import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IconChecklist,
  IconChevronRight,
  IconForms,
  IconFunnel,
  IconInbox,
  IconKey,
  IconUsers,
  type IconProps,
} from '../../ui/icons';
import { IconList, IconSettingsCog, IconWebhook } from '../../ui/icons-extra';
import { IconChat } from '../messenger/IconChat';
import { SectionPage } from '../../ui/SectionPage';
import { IconMail } from '../mail/mail-icons';
import { useCurrentSession } from '../auth/useSession';

type SettingsSectionId =
  | 'pipelines'
  | 'automation'
  | 'fields'
  | 'lists'
  | 'users'
  | 'roles'
  | 'rules'
  | 'audit'
  | 'account'
  | 'api'
  | 'webhooks'
  | 'mail'
  | 'messengers'
  | 'inbox';

/** The settings index, in order. Every section is for administrators: others do not see them. */
const sections: readonly { id: SettingsSectionId; path: string; Icon: ComponentType<IconProps> }[] = [
  { id: 'pipelines', path: '/settings/pipelines', Icon: IconFunnel },
  { id: 'automation', path: '/settings/automation', Icon: IconFunnel },
  { id: 'fields', path: '/settings/fields', Icon: IconForms },
  { id: 'lists', path: '/settings/lists', Icon: IconList },
  { id: 'users', path: '/settings/users', Icon: IconUsers },
  { id: 'roles', path: '/settings/roles', Icon: IconKey },
  { id: 'rules', path: '/settings/rules', Icon: IconChecklist },
  { id: 'audit', path: '/settings/audit', Icon: IconList },
  { id: 'account', path: '/settings/account', Icon: IconSettingsCog },
  { id: 'api', path: '/settings/api', Icon: IconKey },
  { id: 'webhooks', path: '/settings/webhooks', Icon: IconWebhook },
  { id: 'mail', path: '/settings/mail', Icon: IconMail },
  { id: 'messengers', path: '/settings/messengers', Icon: IconChat },
  { id: 'inbox', path: '/settings/inbox', Icon: IconInbox },
];

export function SettingsPage() {
  const { t } = useTranslation();
  const { user, account } = useCurrentSession();
  if (!user.isAdmin) {
    return (
      <SectionPage
        title={t('nav.settings')}
        emptyTitle={t('settings.adminOnlyTitle')}
        emptyText={t('settings.adminOnlyText', { account: account.name })}
        icon={<IconSettingsCog size={28} />}
      />
    );
  }
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
        {sections.map(({ id, path, Icon }) => (
          <li key={id}>
            <Card component={Link} to={path} withBorder radius="lg" padding="lg" h="100%">
              <Group wrap="nowrap" align="flex-start" gap="md">
                <ThemeIcon variant="light" size={40} radius="md">
                  <Icon size={22} />
                </ThemeIcon>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs" justify="space-between" wrap="nowrap">
                    <Text fw={600}>{t(`settings.sections.${id}.title`)}</Text>
                    <IconChevronRight size={18} />
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {t(`settings.sections.${id}.text`)}
                  </Text>
                </Stack>
              </Group>
            </Card>
          </li>
        ))}
      </SimpleGrid>
    </SectionPage>
  );
}
