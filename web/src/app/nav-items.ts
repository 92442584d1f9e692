import type { ComponentType } from 'react';
import {
  IconAdjustments,
  IconBuilding,
  IconChart,
  IconChecklist,
  IconFunnel,
  IconInbox,
  IconUser,
  type IconProps,
} from '../ui/icons';

export type SectionId = 'deals' | 'contacts' | 'companies' | 'tasks' | 'inbox' | 'reports' | 'settings';

export type NavItem = { id: SectionId; path: string; Icon: ComponentType<IconProps> };

/** The side navigation, in order. Labels come from `nav.<id>` in the locale files. */
export const navItems: readonly NavItem[] = [
  { id: 'deals', path: '/deals', Icon: IconFunnel },
  { id: 'contacts', path: '/contacts', Icon: IconUser },
  { id: 'companies', path: '/companies', Icon: IconBuilding },
  { id: 'tasks', path: '/tasks', Icon: IconChecklist },
  { id: 'inbox', path: '/inbox', Icon: IconInbox },
  { id: 'reports', path: '/reports', Icon: IconChart },
  { id: 'settings', path: '/settings', Icon: IconAdjustments },
];
