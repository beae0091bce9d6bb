import { buildDashboard } from '../../reports/dashboard';
import type { HandlerDeps, HandlerGroup } from './deps';

export function dashboardHandlers({ db }: HandlerDeps): HandlerGroup<'dashboard.'> {
  return {
    'dashboard.get': (input, ctx) => db.read((r) => buildDashboard(r, input, ctx.now)),
  };
}
