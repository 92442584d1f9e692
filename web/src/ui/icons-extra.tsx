import { outlineIcon } from './icons';

/** More outline icons in the same Tabler style as ./icons (24px grid), for editors and lists. */

export const IconGripVertical = outlineIcon(
  'IconGripVertical',
  <>
    <circle cx="9" cy="5" r="1" />
    <circle cx="9" cy="12" r="1" />
    <circle cx="9" cy="19" r="1" />
    <circle cx="15" cy="5" r="1" />
    <circle cx="15" cy="12" r="1" />
    <circle cx="15" cy="19" r="1" />
  </>,
);

export const IconTrash = outlineIcon(
  'IconTrash',
  <path d="M4 7h16M10 11v6M14 11v6M5 7l1 12a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2l1-12M9 7V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v3" />,
);

export const IconPencil = outlineIcon(
  'IconPencil',
  <path d="M4 20h4L18.5 9.5a2.83 2.83 0 0 0-4-4L4 16v4M13.5 6.5l4 4" />,
);

export const IconTag = outlineIcon(
  'IconTag',
  <>
    <circle cx="8.5" cy="8.5" r="1" />
    <path d="M4 7v3.86a2 2 0 0 0 .59 1.42l7.13 7.13a2 2 0 0 0 2.83 0l4.86-4.86a2 2 0 0 0 0-2.83L12.28 4.6A2 2 0 0 0 10.86 4H7a3 3 0 0 0-3 3z" />
  </>,
);

export const IconSettingsCog = outlineIcon(
  'IconSettingsCog',
  <>
    <path d="M10.33 4.32c.43-1.76 2.92-1.76 3.35 0a1.72 1.72 0 0 0 2.57 1.07c1.54-.94 3.3.82 2.36 2.37a1.72 1.72 0 0 0 1.06 2.56c1.76.43 1.76 2.93 0 3.35a1.72 1.72 0 0 0-1.07 2.57c.94 1.54-.82 3.3-2.37 2.36a1.72 1.72 0 0 0-2.56 1.06c-.43 1.76-2.93 1.76-3.35 0a1.72 1.72 0 0 0-2.57-1.07c-1.54.94-3.3-.82-2.36-2.37a1.72 1.72 0 0 0-1.06-2.56c-1.76-.43-1.76-2.93 0-3.35a1.72 1.72 0 0 0 1.07-2.57c-.94-1.54.82-3.3 2.37-2.36 1 .61 2.3.07 2.56-1.06z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);

export const IconWebhook = outlineIcon(
  'IconWebhook',
  <path d="M4.88 13.5a4 4 0 1 0 6.12 3.5h6M15.12 13.5a4 4 0 1 0-3.12 6.5M12 7a4 4 0 1 0-5 3.87L10 16M12 7l3 5.5" />,
);

export const IconArchive = outlineIcon(
  'IconArchive',
  <path d="M3 4h18v4H3zM5 8v10a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8M10 12h4" />,
);

export const IconStar = outlineIcon(
  'IconStar',
  <path d="M12 17.75l-6.17 3.24 1.18-6.87-5-4.86 6.9-1 3.09-6.26 3.09 6.26 6.9 1-5 4.86 1.18 6.87z" />,
);

export const IconList = outlineIcon(
  'IconList',
  <path d="M9 6h11M9 12h11M9 18h11M5 6v.01M5 12v.01M5 18v.01" />,
);
