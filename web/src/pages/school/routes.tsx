/** The school's pages under /school. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { SigningDeskPage } from './SigningDeskPage';
import { SigningDetailPage } from './SigningDetailPage';
import { StudentsPage } from './StudentsPage';

export const schoolRoutes: RouteObject[] = [
  { index: true, element: <SigningDeskPage /> },
  { path: 'students', element: <StudentsPage /> },
  { path: 'signings/:id', element: <SigningDetailPage /> },
  { path: 'notifications', element: <InboxPage /> },
];
