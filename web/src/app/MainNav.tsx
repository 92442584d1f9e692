import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { navItems } from './nav-items';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack component="nav" aria-label={t('nav.label')} gap={2}>
      {navItems.map(({ id, path, Icon }) => {
        const active = pathname === path || pathname.startsWith(`${path}/`);
        return (
          <NavLink
            key={id}
            component={Link}
            to={path}
            label={t(`nav.${id}`)}
            leftSection={<Icon size={20} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            fw={500}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}
