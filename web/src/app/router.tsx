import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { SetupPage } from '../features/auth/SetupPage';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { DuplicatesPage } from '../features/duplicates/DuplicatesPage';
import { PartyCardPage } from '../features/entities/PartyCardPage';
import { DealCardPage } from '../features/deal-card/DealCardPage';
import { DealsPage } from '../features/deals/DealsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { FormsPage } from '../features/inbox/FormsPage';
import { InboxSettingsPage } from '../features/inbox/InboxSettingsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { OAuthConsentPage } from '../features/oauth/OAuthConsentPage';
import { ApiSettingsPage } from '../features/settings/api/ApiSettingsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ProcessRulesPage } from '../features/process-rules/ProcessRulesPage';
import { PipelinesSettingsPage } from '../features/settings/pipelines/PipelinesSettingsPage';
import { FieldsSettingsPage } from '../features/settings/fields/FieldsSettingsPage';
import { UsersSettingsPage } from '../features/settings/users/UsersSettingsPage';
import { AccountSettingsPage } from '../features/settings/account/AccountSettingsPage';
import { ListsSettingsPage } from '../features/settings/lists/ListsSettingsPage';
import { WebhooksSettingsPage } from '../features/settings/webhooks/WebhooksSettingsPage';
import { TelegramSettingsPage } from '../features/messenger/TelegramSettingsPage';
import { TasksPage } from '../features/tasks/TasksPage';
import { AuditLogPage } from '../features/rights/AuditLogPage';
import { RolesPage } from '../features/rights/RolesPage';
import { AutomationIndexPage } from '../features/automation/AutomationIndexPage';
import { MailboxesSettingsPage } from '../features/mail/MailboxesSettingsPage';
import { PipelineAutomationPage } from '../features/automation/PipelineAutomationPage';
import { AppFrame } from './AppFrame';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireSession />,
        children: [
          // The OAuth consent step stands alone, like the login page, but needs a signed-in user.
          { path: 'oauth', element: <OAuthConsentPage /> },
          {
            element: <AppFrame />,
            children: [
              { index: true, element: <Navigate to="/deals" replace /> },
              { path: 'deals', element: <DealsPage /> },
              { path: 'deals/:id', element: <DealCardPage /> },
              { path: 'contacts', element: <ContactsPage /> },
              { path: 'companies', element: <CompaniesPage /> },
              { path: 'contacts/duplicates', element: <DuplicatesPage key="contacts" type="contacts" /> },
              { path: 'companies/duplicates', element: <DuplicatesPage key="companies" type="companies" /> },
              { path: 'contacts/:id', element: <PartyCardPage key="contacts" type="contacts" /> },
              { path: 'companies/:id', element: <PartyCardPage key="companies" type="companies" /> },
              { path: 'tasks', element: <TasksPage /> },
              { path: 'inbox', element: <InboxPage /> },
              { path: 'inbox/forms', element: <FormsPage /> },
              { path: 'reports', element: <ReportsPage /> },
              { path: 'settings', element: <SettingsPage /> },
              { path: 'settings/api', element: <ApiSettingsPage /> },
              { path: 'settings/roles', element: <RolesPage /> },
              { path: 'settings/rules', element: <ProcessRulesPage /> },
              { path: 'settings/audit', element: <AuditLogPage /> },
              { path: 'settings/automation', element: <AutomationIndexPage /> },
              { path: 'settings/pipelines/:id/automation', element: <PipelineAutomationPage /> },
              { path: 'settings/pipelines', element: <PipelinesSettingsPage /> },
              { path: 'settings/fields', element: <FieldsSettingsPage /> },
              { path: 'settings/users', element: <UsersSettingsPage /> },
              { path: 'settings/account', element: <AccountSettingsPage /> },
              { path: 'settings/lists', element: <ListsSettingsPage /> },
              { path: 'settings/webhooks', element: <WebhooksSettingsPage /> },
              { path: 'settings/messengers', element: <TelegramSettingsPage /> },
              { path: 'settings/mail', element: <MailboxesSettingsPage /> },
              { path: 'settings/inbox', element: <InboxSettingsPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
