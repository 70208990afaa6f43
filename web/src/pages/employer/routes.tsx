/** The employer's pages under /employer: 网上签约 list, a signing's detail and its 签约 wizard, 协议模板, Webhook, 通知. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { SignWizardPage } from './SignWizardPage';
import { SigningDetailPage } from './SigningDetailPage';
import { SigningsListPage } from './SigningsListPage';
import { TemplatesPage } from './TemplatesPage';
import { WebhooksPage } from './WebhooksPage';

export const employerRoutes: RouteObject[] = [
  { index: true, element: <SigningsListPage /> },
  { path: 'signings/:id', element: <SigningDetailPage /> },
  { path: 'signings/:id/sign', element: <SignWizardPage /> },
  { path: 'templates', element: <TemplatesPage /> },
  { path: 'webhooks', element: <WebhooksPage /> },
  { path: 'notifications', element: <InboxPage /> },
];
