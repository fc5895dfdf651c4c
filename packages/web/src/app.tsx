import { Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { RequireSession } from './auth/require-session';
import { useSession } from './auth/session-provider';
import { AppLayout } from './layout/app-layout';
import { PageLoading } from './layout/page-loading';
import { LoginPage } from './pages/login/login-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { APP_ROUTES, BIG_SCREEN_ROUTE, homeOf, PUBLIC_ROUTES } from './routes';

function Home() {
  const { session } = useSession();
  if (session.status === 'signedIn') return <Navigate to={homeOf(session.me.roles)} replace />;
  return (
    <RequireSession>
      <PageLoading />
    </RequireSession>
  );
}

const BigScreen = BIG_SCREEN_ROUTE.page;
const { layout: PublicLayout, home: PublicHome, result: PublicResult, unit: PublicUnit } = PUBLIC_ROUTES;

const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/login', element: <LoginPage /> },
  {
    path: BIG_SCREEN_ROUTE.path,
    element: (
      <RequireSession roles={BIG_SCREEN_ROUTE.roles}>
        <Suspense fallback={<PageLoading />}>
          <BigScreen />
        </Suspense>
      </RequireSession>
    ),
  },
  {
    path: '/public',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PublicHome /> },
      { path: 'results/:id', element: <PublicResult /> },
      { path: 'results/:id/units/:unit', element: <PublicUnit /> },
    ],
  },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: APP_ROUTES.map((r) => {
      const Page = r.page;
      return {
        path: r.path,
        element: (
          <RequireSession roles={r.roles}>
            <Page />
          </RequireSession>
        ),
      };
    }),
  },
  { path: '*', element: <NotFoundPage /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
