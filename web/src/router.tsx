/**
 * The portal's pages. Each path is a deep link that survives a reload: the API serves index.html for
 * every page path (api/app.ts), and the page loads what it shows from the API.
 */
import { Navigate, Outlet, createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoginPage } from './pages/LoginPage';
import { HomeRedirect } from './pages/HomeRedirect';
import { RequireRole } from './session/RequireRole';
import { SessionProvider } from './session/SessionProvider';
import { studentRoutes } from './pages/student/routes';
import { employerRoutes } from './pages/employer/routes';
import { schoolRoutes } from './pages/school/routes';

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/login', element: <LoginPage /> },
      {
        path: '/student',
        element: (
          <RequireRole role="student">
            <AppLayout />
          </RequireRole>
        ),
        children: studentRoutes,
      },
      {
        path: '/employer',
        element: (
          <RequireRole role="employer">
            <AppLayout />
          </RequireRole>
        ),
        children: employerRoutes,
      },
      {
        path: '/school',
        element: (
          <RequireRole role="school">
            <AppLayout />
          </RequireRole>
        ),
        children: schoolRoutes,
      },
      { path: '/index.html', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
