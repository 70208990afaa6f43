/** A route only one party may open: others are sent to sign in, or to their own home. */
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { HOME_OF, useSession } from './SessionProvider';

export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return <Spin size="large" fullscreen tip="正在加载…" />;
  }
  if (session.status === 'anonymous') {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (session.me.role !== role) return <Navigate to={HOME_OF[session.me.role]} replace />;
  return <>{children}</>;
}
