/** The school's pages under /school: 学生就业方案变更审核, 解约审批, 学生名单, one signing, the inbox. */
import type { RouteObject } from 'react-router';
import { InboxPage } from '../../components/inbox';
import { RescissionDeskPage } from './RescissionDeskPage';
import { SigningDeskPage } from './SigningDeskPage';
import { SigningDetailPage } from './SigningDetailPage';
import { StudentsPage } from './StudentsPage';

export const schoolRoutes: RouteObject[] = [
  { index: true, element: <SigningDeskPage /> },
  { path: 'rescissions', element: <RescissionDeskPage /> },
  { path: 'students', element: <StudentsPage /> },
  { path: 'signings/:id', element: <SigningDetailPage /> },
  { path: 'notifications', element: <InboxPage /> },
];
