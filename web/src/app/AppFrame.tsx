import { AppShell, Burger, Group, Progress, Text, useMatches } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigation } from 'react-router';
import { useCurrentSession } from '../features/auth/useSession';
import { LiveDealNotifications } from '../features/deals/LiveDealNotifications';
import { Logo } from '../ui/Logo';
import { MainNav } from './MainNav';
import { UserMenu } from './UserMenu';

/** The logged-in frame: header with the user menu, side navigation (a drawer on phones), content. */
export function AppFrame() {
  const { t } = useTranslation();
  const { account } = useCurrentSession();
  const [navOpened, nav] = useDisclosure(false);
  const isPhone = useMatches({ base: true, sm: false });
  // The closed phone menu is only slid off-screen; inert keeps its links out of Tab order and screen readers.
  const navHidden = isPhone && !navOpened;
  // The current screen stays while the next page's code loads; this bar says something is coming.
  const loadingPage = useNavigation().state === 'loading';

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('nav.closeMenu') : t('nav.openMenu')}
            />
            <Link to="/" aria-label={t('app.name')} style={{ color: 'inherit', textDecoration: 'none' }}>
              <Logo />
            </Link>
          </Group>
          <UserMenu />
        </Group>
        {loadingPage && (
          <Progress
            value={100}
            animated
            size={2}
            radius={0}
            pos="absolute"
            left={0}
            right={0}
            bottom={0}
            aria-label={t('app.loading')}
          />
        )}
      </AppShell.Header>
      <AppShell.Navbar p="sm" inert={navHidden} aria-hidden={navHidden || undefined}>
        <AppShell.Section grow>
          <MainNav onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section px="sm" pt="sm">
          <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('nav.account')}
          </Text>
          <Text fz="sm" truncate="end">
            {account.name}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <LiveDealNotifications />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
