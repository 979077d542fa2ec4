/**
 * The dashboard route's loader (routes.tsx): starts the report request for the address
 * and the scene's code download together, instead of one after the other.
 */
import { prefetchReport } from '../../hooks/report.ts';

export function loadDashboard() {
  prefetchReport(window.location);
  return import('./DashboardScene.tsx');
}
