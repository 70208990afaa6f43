/** The employer's pages as one lazily loaded part of the portal: the login page does not download them. */
import { useRoutes } from 'react-router';
import { employerRoutes } from '../pages/employer/routes';

export default function EmployerPages() {
  return useRoutes(employerRoutes);
}
