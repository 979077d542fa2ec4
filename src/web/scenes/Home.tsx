/** `/`: sends the visitor where they belong — first-run setup, sign-in or their practice. */
import { Navigate } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { useMe, useSetupStatus } from '../hooks/session.ts';

export function Home() {
  const setup = useSetupStatus();
  const me = useMe();
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isPending || setup.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  const first = me.data.practices[0];
  return <Navigate to={first ? `/p/${first.id}` : '/practices/new'} replace />;
}
