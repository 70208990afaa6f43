/** The student's pages under /student. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { StudentHome } from './StudentHome';

export const studentRoutes: RouteObject[] = [
  { index: true, element: <StudentHome /> },
  { path: 'notifications', element: <InboxPage /> },
];
