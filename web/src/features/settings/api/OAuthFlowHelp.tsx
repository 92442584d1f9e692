import { Code, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';

const code = { code: <Code style={{ overflowWrap: 'anywhere' }} /> };

/** How an amoCRM-style integration gets its tokens: the same OAuth 2.0 code flow amoCRM uses. */
export function OAuthFlowHelp() {
  const { t } = useTranslation();
  const origin = window.location.origin;
  return (
    <Paper p="md" radius="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))">
      <Stack gap="xs">
        <Title order={3} fz="md">
          {t('settingsApi.oauthHelp.title')}
        </Title>
        <Text fz="sm">{t('settingsApi.oauthHelp.intro')}</Text>
        <List type="ordered" fz="sm" spacing={6}>
          <List.Item>{t('settingsApi.oauthHelp.step1')}</List.Item>
          <List.Item>
            <Trans
              i18nKey="settingsApi.oauthHelp.step2"
              values={{ url: `${origin}/oauth?client_id=…&state=…` }}
              components={code}
            />
          </List.Item>
          <List.Item>
            <Trans i18nKey="settingsApi.oauthHelp.step3" components={code} />
          </List.Item>
          <List.Item>
            <Trans
              i18nKey="settingsApi.oauthHelp.step4"
              values={{ url: `POST ${origin}/oauth2/access_token` }}
              components={code}
            />
          </List.Item>
          <List.Item>
            <Trans i18nKey="settingsApi.oauthHelp.step5" components={code} />
          </List.Item>
        </List>
      </Stack>
    </Paper>
  );
}
