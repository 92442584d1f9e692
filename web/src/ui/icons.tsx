import type { ReactNode, SVGProps } from 'react';

export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number | string };

/** Outline icons in the Tabler style (24px grid, 2px stroke), drawn inline so the app needs no icon font. */
export function outlineIcon(name: string, paths: ReactNode) {
  function Icon({ size = 20, ...rest }: IconProps) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const IconFunnel = outlineIcon(
  'IconFunnel',
  <path d="M4 4h16v2.17a2 2 0 0 1-.59 1.42L15 12v7l-6 2v-8.5L4.52 7.57A2 2 0 0 1 4 6.23z" />,
);

export const IconUser = outlineIcon(
  'IconUser',
  <>
    <circle cx="12" cy="7" r="4" />
    <path d="M6 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2" />
  </>,
);

export const IconBuilding = outlineIcon(
  'IconBuilding',
  <>
    <path d="M3 21h18" />
    <path d="M5 21V7l8-4v18" />
    <path d="M19 21V11l-6-4" />
    <path d="M9 9v.01M9 12v.01M9 15v.01M9 18v.01" />
  </>,
);

export const IconChecklist = outlineIcon(
  'IconChecklist',
  <>
    <path d="M9 11l3 3 8-8" />
    <path d="M20 12v6a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h9" />
  </>,
);

export const IconInbox = outlineIcon(
  'IconInbox',
  <>
    <path d="M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <path d="M4 13h3l3 3h4l3-3h3" />
  </>,
);

export const IconChart = outlineIcon(
  'IconChart',
  <>
    <path d="M3 13a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" />
    <path d="M15 9a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1z" />
    <path d="M9 5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1z" />
  </>,
);

export const IconAdjustments = outlineIcon(
  'IconAdjustments',
  <>
    <path d="M4 6h8M16 6h4M4 12h2M10 12h10M4 18h11M19 18h1" />
    <circle cx="14" cy="6" r="2" />
    <circle cx="8" cy="12" r="2" />
    <circle cx="17" cy="18" r="2" />
  </>,
);

export const IconSun = outlineIcon(
  'IconSun',
  <>
    <circle cx="12" cy="12" r="4" />
    <path d="M3 12h1M12 3v1M20 12h1M12 20v1M5.6 5.6l.7.7M18.4 5.6l-.7.7M17.7 17.7l.7.7M6.3 17.7l-.7.7" />
  </>,
);

export const IconMoon = outlineIcon(
  'IconMoon',
  <path d="M12 3h.39a7.5 7.5 0 0 0 7.92 12.45A9 9 0 1 1 12 3z" />,
);

export const IconLogout = outlineIcon(
  'IconLogout',
  <>
    <path d="M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2" />
    <path d="M9 12h12l-3-3M18 15l3-3" />
  </>,
);

export const IconCheck = outlineIcon('IconCheck', <path d="M5 12l5 5L20 7" />);

export const IconChevronDown = outlineIcon('IconChevronDown', <path d="M6 9l6 6 6-6" />);

export const IconAlert = outlineIcon(
  'IconAlert',
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 8v4M12 16h.01" />
  </>,
);

export const IconCompass = outlineIcon(
  'IconCompass',
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M8 16l2-6 6-2-2 6z" />
  </>,
);

export const IconChevronLeft = outlineIcon('IconChevronLeft', <path d="M15 6l-6 6 6 6" />);

export const IconChevronRight = outlineIcon('IconChevronRight', <path d="M9 6l6 6-6 6" />);

export const IconKey = outlineIcon(
  'IconKey',
  <>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.85 12.15L19 4M18 5l2 2M15 8l2 2" />
  </>,
);

export const IconPlugConnected = outlineIcon(
  'IconPlugConnected',
  <>
    <path d="M7 12l5 5-1.5 1.5a3.54 3.54 0 1 1-5-5z" />
    <path d="M17 12l-5-5 1.5-1.5a3.54 3.54 0 1 1 5 5z" />
    <path d="M3 21l2.5-2.5M18.5 5.5L21 3M10 11l-2 2M13 14l-2 2" />
  </>,
);

export const IconCopy = outlineIcon(
  'IconCopy',
  <>
    <path d="M8 10a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-8a2 2 0 0 1-2-2z" />
    <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
  </>,
);

export const IconPlus = outlineIcon('IconPlus', <path d="M12 5v14M5 12h14" />);

export const IconLock = outlineIcon(
  'IconLock',
  <>
    <path d="M5 13a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2z" />
    <path d="M8 11V7a4 4 0 1 1 8 0v4" />
  </>,
);

export const IconUsers = outlineIcon(
  'IconUsers',
  <>
    <circle cx="9" cy="7" r="4" />
    <path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2M16 3.13a4 4 0 0 1 0 7.75M21 21v-2a4 4 0 0 0-3-3.85" />
  </>,
);

export const IconForms = outlineIcon(
  'IconForms',
  <>
    <path d="M12 3a3 3 0 0 0-3 3v12a3 3 0 0 0 3 3M6 3a3 3 0 0 1 3 3v12a3 3 0 0 1-3 3" />
    <path d="M13 7h7a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-7M5 7H4a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h1" />
  </>,
);
