/** `/`: to the signed-in party's home, or to the login page. */
import { Spin } from 'antd';
import { Navigate } from 'react-router';
import { HOME_OF, useSession } from '../session/SessionProvider';

export function HomeRedirect() {
  const { session } = useSession();
  if (session.status === 'loading') return <Spin size="large" fullscreen tip="正在加载…" />;
  if (session.status === 'anonymous') return <Navigate to="/login" replace />;
  return <Navigate to={HOME_OF[session.me.role]} replace />;
}
