/**
 * The page's routes. Each scene is its own chunk, loaded when first visited; the
 * practice's pages live under /p/:practiceId inside the app shell.
 */
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from './components/Loading.tsx';
import { PracticeShell } from './components/PracticeShell.tsx';
import { RouteError } from './components/RouteError.tsx';
import { loadDashboard } from './scenes/dashboard/load.ts';
import { Home } from './scenes/Home.tsx';

type SceneModule = { default: ComponentType };

/** A route whose component is loaded on first visit. */
function scene(path: string | undefined, load: () => Promise<SceneModule>): RouteObject {
  return {
    ...(path === undefined ? { index: true } : { path }),
    lazy: async () => ({ Component: (await load()).default }),
  };
}

const practicePages: RouteObject[] = [
  scene(undefined, loadDashboard),
  scene('dashboard', loadDashboard),
  scene('forecast', () => import('./scenes/forecast/ForecastScene.tsx')),
  scene('import', () => import('./scenes/import/ImportScene.tsx')),
  scene('inbox', () => import('./scenes/import/InboxScene.tsx')),
  scene('offers', () => import('./scenes/records/OffersScene.tsx')),
  scene('clients', () => import('./scenes/records/ClientsScene.tsx')),
  scene('conversations', () => import('./scenes/records/ConversationsScene.tsx')),
  scene('costs', () => import('./scenes/records/CostsScene.tsx')),
  scene('time', () => import('./scenes/records/TimeScene.tsx')),
  scene('payments', () => import('./scenes/records/PaymentsScene.tsx')),
  scene('settings', () => import('./scenes/settings/SettingsScene.tsx')),
  scene('members', () => import('./scenes/members/MembersScene.tsx')),
  scene('export', () => import('./scenes/export/ExportScene.tsx')),
];

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { path: '/', Component: Home },
      scene('/setup', () => import('./scenes/auth/SetupScene.tsx')),
      scene('/sign-in', () => import('./scenes/auth/SignInScene.tsx')),
      scene('/sign-up', () => import('./scenes/auth/SignUpScene.tsx')),
      scene('/invitations/:token', () => import('./scenes/auth/InviteScene.tsx')),
      scene('/practices/new', () => import('./scenes/settings/NewPracticeScene.tsx')),
      { path: '/p/:practiceId', Component: PracticeShell, children: practicePages },
      scene('*', () => import('./scenes/NotFound.tsx')),
    ],
  },
]);
