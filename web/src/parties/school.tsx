/** The school's pages as one lazily loaded part of the portal: the login page does not download them. */
import { useRoutes } from 'react-router';
import { schoolRoutes } from '../pages/school/routes';

export default function SchoolPages() {
  return useRoutes(schoolRoutes);
}
