import { Button, Center, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCompass } from '../ui/icons';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center py={{ base: 48, sm: 96 }}>
      <EmptyState
        maw={460}
        variant="light"
        icon={<IconCompass size={28} />}
        title={t('app.notFoundTitle')}
        description={t('app.notFoundText')}
      >
        <EmptyState.Actions>
          <Button component={Link} to="/deals" variant="light">
            {t('app.backHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
