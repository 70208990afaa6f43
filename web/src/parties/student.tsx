/** The student's pages as one lazily loaded part of the portal: the login page does not download them. */
import { useRoutes } from 'react-router';
import { studentRoutes } from '../pages/student/routes';

export default function StudentPages() {
  return useRoutes(studentRoutes);
}
