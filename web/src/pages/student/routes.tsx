/** The student's pages under /student: 个人中心, 就业方案填报, one signing, the inbox. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { PlanPage } from './PlanPage';
import { SigningPage } from './SigningPage';
import { StudentHome } from './StudentHome';

export const studentRoutes: RouteObject[] = [
  { index: true, element: <StudentHome /> },
  { path: 'plan', element: <PlanPage /> },
  { path: 'signings/:id', element: <SigningPage /> },
  { path: 'notifications', element: <InboxPage /> },
];
