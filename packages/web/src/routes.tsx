import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EditOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  GlobalOutlined,
  HomeOutlined,
  PartitionOutlined,
  SafetyOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Role } from './auth/roles';
import type { CommonKey } from './i18n/common-messages';

/** A page loaded on first visit, so that each route is its own chunk. */
function page<K extends string>(
  name: K,
  load: () => Promise<Record<K, ComponentType>>,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export interface AppRoute {
  path: string;
  /** Roles that may open it; the server still checks every call. */
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
  /** In the side menu under this label (common-messages key), unless it is a detail route. */
  nav?: { label: CommonKey; icon: ReactNode; group?: 'admin' };
}

const OFFICE_READERS: readonly Role[] = ['office', 'viewer'];
const DOMAIN: readonly Role[] = ['office', 'reporter', 'leader', 'thirdParty', 'inspector', 'viewer'];

/**
 * THE route table of the signed-in application (inside the layout). Page authors edit only their own folder
 * under src/pages; the lead edits this table.
 */
export const APP_ROUTES: readonly AppRoute[] = [
  {
    path: '/dashboard',
    roles: OFFICE_READERS,
    page: page('DashboardPage', () => import('./pages/dashboard/dashboard-page')),
    nav: { label: 'navDashboard', icon: <DashboardOutlined /> },
  },
  {
    path: '/my-unit',
    roles: ['leader', 'reporter'],
    page: page('MyUnitPage', () => import('./pages/my-unit/my-unit-page')),
    nav: { label: 'navMyUnit', icon: <HomeOutlined /> },
  },
  {
    path: '/entry',
    roles: ['reporter', 'leader', 'office'],
    page: page('EntryListPage', () => import('./pages/entry/entry-list-page')),
    nav: { label: 'navEntry', icon: <EditOutlined /> },
  },
  {
    path: '/entry/:plan/:period/:unit',
    roles: ['reporter', 'leader', 'office'],
    page: page('EntryFormPage', () => import('./pages/entry/entry-form-page')),
  },
  {
    path: '/sources',
    roles: ['thirdParty', 'inspector', 'office'],
    page: page('SourcesPage', () => import('./pages/sources/sources-page')),
    nav: { label: 'navSources', icon: <FileSearchOutlined /> },
  },
  {
    path: '/review',
    roles: ['leader', 'office'],
    page: page('ReviewPage', () => import('./pages/review/review-page')),
    nav: { label: 'navReview', icon: <CheckSquareOutlined /> },
  },
  {
    path: '/plans',
    roles: DOMAIN,
    page: page('PlanListPage', () => import('./pages/plan-designer/plan-list-page')),
    nav: { label: 'navPlans', icon: <PartitionOutlined /> },
  },
  {
    path: '/plans/:code',
    roles: DOMAIN,
    page: page('PlanDesignerPage', () => import('./pages/plan-designer/plan-designer-page')),
  },
  {
    path: '/periods',
    roles: ['office'],
    page: page('PeriodsPage', () => import('./pages/periods/periods-page')),
    nav: { label: 'navPeriods', icon: <CalendarOutlined /> },
  },
  {
    path: '/results',
    roles: ['office'],
    page: page('ResultsPage', () => import('./pages/results/results-page')),
    nav: { label: 'navResults', icon: <TrophyOutlined /> },
  },
  {
    path: '/admin/users',
    roles: ['sysadmin', 'secadmin'],
    page: page('UsersPage', () => import('./pages/admin/users-page')),
    nav: { label: 'navUsers', icon: <TeamOutlined />, group: 'admin' },
  },
  {
    path: '/admin/units',
    roles: ['sysadmin'],
    page: page('UnitsPage', () => import('./pages/admin/units-page')),
    nav: { label: 'navUnits', icon: <BarChartOutlined />, group: 'admin' },
  },
  {
    path: '/admin/security',
    roles: ['secadmin'],
    page: page('SecurityPage', () => import('./pages/admin/security-page')),
    nav: { label: 'navSecurity', icon: <SafetyOutlined />, group: 'admin' },
  },
  {
    path: '/admin/audit',
    roles: ['auditor'],
    page: page('AuditPage', () => import('./pages/admin/audit-page')),
    nav: { label: 'navAudit', icon: <AuditOutlined />, group: 'admin' },
  },
];

/** Full-screen, signed-in, no layout chrome. */
export const BIG_SCREEN_ROUTE: AppRoute = {
  path: '/big-screen',
  roles: ['office', 'viewer'],
  page: page('BigScreenPage', () => import('./pages/big-screen/big-screen-page')),
  nav: { label: 'navBigScreen', icon: <FundProjectionScreenOutlined /> },
};

/** No sign-in; inside the public portal's own light layout. */
export const PUBLIC_ROUTES = {
  layout: page('PublicLayout', () => import('./pages/public/public-layout')),
  home: page('PublicHomePage', () => import('./pages/public/public-home-page')),
  result: page('PublicResultPage', () => import('./pages/public/public-result-page')),
  unit: page('PublicUnitPage', () => import('./pages/public/public-unit-page')),
  icon: <GlobalOutlined />,
};

/** Where "/" sends an account: the first page of its first role that has one. */
const HOME_OF_ROLE: Record<Role, string> = {
  office: '/dashboard',
  viewer: '/dashboard',
  leader: '/my-unit',
  reporter: '/entry',
  thirdParty: '/sources',
  inspector: '/sources',
  sysadmin: '/admin/users',
  secadmin: '/admin/security',
  auditor: '/admin/audit',
};

export function homeOf(roles: readonly Role[]): string {
  const first = roles[0];
  return first === undefined ? '/public' : HOME_OF_ROLE[first];
}

export function mayOpen(route: AppRoute, roles: readonly Role[]): boolean {
  return roles.some((r) => route.roles.includes(r));
}
