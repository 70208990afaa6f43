/**
 * The portal's pages. Each path is a deep link that survives a reload: the API serves index.html for
 * every page path (api/app.ts), and the page loads what it shows from the API. Each party's pages
 * are their own chunk, loaded after sign-in, so the login page stays small.
 */
import { Spin } from 'antd';
import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Outlet, createBrowserRouter } from 'react-router';
import type { Role } from './api/types';
import { AppLayout } from './components/AppLayout';
import { HomeRedirect } from './pages/HomeRedirect';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireRole } from './session/RequireRole';
import { SessionProvider } from './session/SessionProvider';

const PARTY_PAGES: Record<Role, ReturnType<typeof lazy>> = {
  student: lazy(() => import('./parties/student')),
  employer: lazy(() => import('./parties/employer')),
  school: lazy(() => import('./parties/school')),
};

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

function Loading(): ReactNode {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** `/<role>/*`: the party's frame, then its pages (matched inside the lazily loaded part). */
function partyRoute(role: Role) {
  const Pages = PARTY_PAGES[role];
  const pages = (
    <Suspense fallback={<Loading />}>
      <Pages />
    </Suspense>
  );
  // `*` does not match the bare `/<role>` (react-router 7), so the party's home needs the index too.
  return {
    path: `/${role}`,
    element: (
      <RequireRole role={role}>
        <AppLayout />
      </RequireRole>
    ),
    children: [
      { index: true, element: pages },
      { path: '*', element: pages },
    ],
  };
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/login', element: <LoginPage /> },
      partyRoute('student'),
      partyRoute('employer'),
      partyRoute('school'),
      { path: '/index.html', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
