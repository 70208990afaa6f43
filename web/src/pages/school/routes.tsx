/** The school's pages under /school. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { SchoolHome } from './SchoolHome';

export const schoolRoutes: RouteObject[] = [
  { index: true, element: <SchoolHome /> },
  { path: 'notifications', element: <InboxPage /> },
];
