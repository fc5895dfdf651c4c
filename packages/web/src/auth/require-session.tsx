import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../i18n/use-t';
import type { Role } from './roles';
import { useSession } from './session-provider';

/**
 * Route guard: signed-out visitors go to /login?next=<where they were going>; signed-in accounts without
 * one of `roles` see a 403 page (the server refuses their API calls anyway).
 */
export function RequireSession({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  const t = useT();
  if (session.status === 'loading') return <Spin fullscreen aria-label={t('loading')} />;
  if (session.status === 'signedOut') {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles !== undefined && !session.me.roles.some((r) => roles.includes(r)))
    return <Result status="403" title="403" subTitle={t('forbidden')} />;
  return children;
}
