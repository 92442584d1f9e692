import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, type LoaderFunctionArgs } from 'react-router';
import { prefetchSession, whenSignedIn } from '../features/auth/useSession';
import { prefetchDeals } from '../features/deals/prefetch-deals';
import { FullPageLoader } from '../ui/FullPageLoader';
import { AppFrame } from './AppFrame';
import { NotFoundPage } from './NotFoundPage';
import { queryClient } from './query-client';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';

/**
 * A page whose code is fetched when its route first matches: each page is its own chunk, so the
 * board's first load carries only the board. The router starts the import together with the
 * matched routes' loaders and keeps the current screen (or, on the first load, the fallback)
 * until it arrives.
 */
const page =
  <M,>(load: () => Promise<M>, render: (module: M) => ReactNode) =>
  async () => ({ element: render(await load()) });

/** A loader that only warms the query cache for a page, once the user is (probably) signed in. */
const prefetch =
  (start: (url: URL) => void) =>
  ({ request }: LoaderFunctionArgs) =>
    whenSignedIn(queryClient, () => start(new URL(request.url)));

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        path: '/setup',
        lazy: page(
          () => import('../features/auth/SetupPage'),
          (m) => <m.SetupPage />,
        ),
      },
      {
        path: '/login',
        lazy: page(
          () => import('../features/auth/LoginPage'),
          (m) => <m.LoginPage />,
        ),
      },
      {
        element: <RequireSession />,
        // The session probe starts with the page's code, not after the guard first renders.
        loader: () => prefetchSession(queryClient),
        children: [
          // The OAuth consent step stands alone, like the login page, but needs a signed-in user.
          {
            path: 'oauth',
            lazy: page(
              () => import('../features/oauth/OAuthConsentPage'),
              (m) => <m.OAuthConsentPage />,
            ),
          },
          {
            element: <AppFrame />,
            children: [
              { index: true, element: <Navigate to="/deals" replace /> },
              {
                path: 'deals',
                loader: prefetch((url) => prefetchDeals(queryClient, url)),
                lazy: page(
                  () => import('../features/deals/DealsPage'),
                  (m) => <m.DealsPage />,
                ),
              },
              {
                path: 'deals/:id',
                lazy: page(
                  () => import('../features/deal-card/DealCardPage'),
                  (m) => <m.DealCardPage />,
                ),
              },
              {
                path: 'contacts',
                lazy: page(
                  () => import('../features/contacts/ContactsPage'),
                  (m) => <m.ContactsPage />,
                ),
              },
              {
                path: 'companies',
                lazy: page(
                  () => import('../features/companies/CompaniesPage'),
                  (m) => <m.CompaniesPage />,
                ),
              },
              {
                path: 'contacts/duplicates',
                lazy: page(
                  () => import('../features/duplicates/DuplicatesPage'),
                  (m) => <m.DuplicatesPage key="contacts" type="contacts" />,
                ),
              },
              {
                path: 'companies/duplicates',
                lazy: page(
                  () => import('../features/duplicates/DuplicatesPage'),
                  (m) => <m.DuplicatesPage key="companies" type="companies" />,
                ),
              },
              {
                path: 'contacts/:id',
                lazy: page(
                  () => import('../features/entities/PartyCardPage'),
                  (m) => <m.PartyCardPage key="contacts" type="contacts" />,
                ),
              },
              {
                path: 'companies/:id',
                lazy: page(
                  () => import('../features/entities/PartyCardPage'),
                  (m) => <m.PartyCardPage key="companies" type="companies" />,
                ),
              },
              {
                path: 'tasks',
                lazy: page(
                  () => import('../features/tasks/TasksPage'),
                  (m) => <m.TasksPage />,
                ),
              },
              {
                path: 'inbox',
                lazy: page(
                  () => import('../features/inbox/InboxPage'),
                  (m) => <m.InboxPage />,
                ),
              },
              {
                path: 'inbox/forms',
                lazy: page(
                  () => import('../features/inbox/FormsPage'),
                  (m) => <m.FormsPage />,
                ),
              },
              {
                path: 'reports',
                lazy: page(
                  () => import('../features/reports/ReportsPage'),
                  (m) => <m.ReportsPage />,
                ),
              },
              {
                path: 'settings',
                lazy: page(
                  () => import('../features/settings/SettingsPage'),
                  (m) => <m.SettingsPage />,
                ),
              },
              {
                path: 'settings/api',
                lazy: page(
                  () => import('../features/settings/api/ApiSettingsPage'),
                  (m) => <m.ApiSettingsPage />,
                ),
              },
              {
                path: 'settings/roles',
                lazy: page(
                  () => import('../features/rights/RolesPage'),
                  (m) => <m.RolesPage />,
                ),
              },
              {
                path: 'settings/rules',
                lazy: page(
                  () => import('../features/process-rules/ProcessRulesPage'),
                  (m) => <m.ProcessRulesPage />,
                ),
              },
              {
                path: 'settings/audit',
                lazy: page(
                  () => import('../features/rights/AuditLogPage'),
                  (m) => <m.AuditLogPage />,
                ),
              },
              {
                path: 'settings/automation',
                lazy: page(
                  () => import('../features/automation/AutomationIndexPage'),
                  (m) => <m.AutomationIndexPage />,
                ),
              },
              {
                path: 'settings/pipelines/:id/automation',
                lazy: page(
                  () => import('../features/automation/PipelineAutomationPage'),
                  (m) => <m.PipelineAutomationPage />,
                ),
              },
              {
                path: 'settings/pipelines',
                lazy: page(
                  () => import('../features/settings/pipelines/PipelinesSettingsPage'),
                  (m) => <m.PipelinesSettingsPage />,
                ),
              },
              {
                path: 'settings/fields',
                lazy: page(
                  () => import('../features/settings/fields/FieldsSettingsPage'),
                  (m) => <m.FieldsSettingsPage />,
                ),
              },
              {
                path: 'settings/users',
                lazy: page(
                  () => import('../features/settings/users/UsersSettingsPage'),
                  (m) => <m.UsersSettingsPage />,
                ),
              },
              {
                path: 'settings/account',
                lazy: page(
                  () => import('../features/settings/account/AccountSettingsPage'),
                  (m) => <m.AccountSettingsPage />,
                ),
              },
              {
                path: 'settings/lists',
                lazy: page(
                  () => import('../features/settings/lists/ListsSettingsPage'),
                  (m) => <m.ListsSettingsPage />,
                ),
              },
              {
                path: 'settings/webhooks',
                lazy: page(
                  () => import('../features/settings/webhooks/WebhooksSettingsPage'),
                  (m) => <m.WebhooksSettingsPage />,
                ),
              },
              {
                path: 'settings/messengers',
                lazy: page(
                  () => import('../features/messenger/TelegramSettingsPage'),
                  (m) => <m.TelegramSettingsPage />,
                ),
              },
              {
                path: 'settings/mail',
                lazy: page(
                  () => import('../features/mail/MailboxesSettingsPage'),
                  (m) => <m.MailboxesSettingsPage />,
                ),
              },
              {
                path: 'settings/inbox',
                lazy: page(
                  () => import('../features/inbox/InboxSettingsPage'),
                  (m) => <m.InboxSettingsPage />,
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
