/** The employer's pages under /employer. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { EmployerHome } from './EmployerHome';

export const employerRoutes: RouteObject[] = [
  { index: true, element: <EmployerHome /> },
  { path: 'notifications', element: <InboxPage /> },
];
