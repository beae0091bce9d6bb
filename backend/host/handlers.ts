/**
 * One handler per contract operation, grouped by domain in handlers/. The Handlers type makes a missing or
 * mistyped handler a compile error, so the contract and the backend cannot drift apart.
 */
import { createCustomer, deleteCustomer, getCustomer, listCustomers, restoreCustomer, updateCustomer } from '../services/customers';
import { gradeDistribution, recomputeGrades } from '../services/grades';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { tableCounts } from '../services/stats';
import { assertInScope, customerScope } from '../services/customerScope';
import { createVillage, listVillages, renameVillage } from '../services/villages';
import type { HandlerDeps, Handlers } from './handlers/deps';
import { importHandlers } from './handlers/importHandlers';
import { maintenanceHandlers } from './handlers/maintenanceHandlers';
import { setupHandlers } from './handlers/setupHandlers';
import { authHandlers } from './handlers/authHandlers';
import { privacyHandlers } from './handlers/privacyHandlers';
import { campaignHandlers } from './handlers/campaignHandlers';
import { reportHandlers } from './handlers/reportHandlers';
import { syncHandlers } from './handlers/syncHandlers';
import { usageHandlers } from './handlers/usageHandlers';
import { dashboardHandlers } from './handlers/dashboardHandlers';
import { mailHandlers } from './handlers/mailHandlers';
import { letterHandlers } from './handlers/letterHandlers';
import { careHandlers } from './handlers/careHandlers';
import { backupHandlers } from './handlers/backupHandlers';
import { archiveHandlers } from './handlers/archiveHandlers';
import { contract } from '../../shared/contract';
import type { Customer } from '../../shared/domain';

export type { HandlerDeps, Handlers } from './handlers/deps';

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, index, jobs, version, divisions } = deps;
  // Region of registration from the ID number (GB/T 2260); an unknown code warns, since codes retire.
  const withRegion = (c: Customer): Customer => {
    if (!c.idNumber) return c;
    const region = divisions.countyName(c.idNumber.slice(0, 6)) ?? null;
    return {
      ...c,
      region,
      regionWarning: region ? null : `身份证号前六位 ${c.idNumber.slice(0, 6)} 不在 ${divisions.edition} 年版区划中（可能是已撤销的旧代码）`,
    };
  };
  return {
    'app.info': (_input, ctx) =>
      db.read((r) => ({
        branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '未命名网点',
        version,
        schemaVersion: String(r.value('SELECT id FROM _migrations ORDER BY seq DESC LIMIT 1') ?? ''),
        // Public (the log-in screen asks, as the least role): where the data lives is only for those who may open 设置.
        dataDir: contract['settings.get'].roles.includes(ctx.role) ? db.dir : '',
        snapshotGeneration: db.generation,
        pendingLogRecords: db.pendingLogRecords,
      })),
    'stats.counts': () => db.read(tableCounts),

    'villages.list': () => db.read(listVillages),
    'villages.create': (input, ctx) => db.write('villages.create', (w) => createVillage(w, ctx, input)),
    'villages.rename': (input, ctx) => db.write('villages.rename', (w) => renameVillage(w, ctx, input)),

    'customers.list': (input, ctx) => db.read((r) => listCustomers(r, index, input, customerScope(ctx))),
    'customers.get': (input, ctx) =>
      withRegion(
        db.read((r) => {
          assertInScope(r, customerScope(ctx), input.id);
          return getCustomer(r, input.id);
        }),
      ),
    'customers.create': (input, ctx) => withRegion(db.write('customers.create', (w) => createCustomer(w, ctx, input))),
    'customers.update': (input, ctx) => withRegion(db.write('customers.update', (w) => updateCustomer(w, ctx, input.id, input.fields))),
    'customers.delete': (input, ctx) => db.write('customers.delete', (w) => deleteCustomer(w, ctx, input.id, input.reason)),
    'customers.restore': (input, ctx) => db.write('customers.restore', (w) => restoreCustomer(w, ctx, input.id)),
    ...importHandlers(deps),
    ...maintenanceHandlers(deps),
    ...setupHandlers(deps),
    ...authHandlers(deps),
    ...privacyHandlers(deps),
    ...campaignHandlers(deps),
    ...reportHandlers(deps),
    ...syncHandlers(deps),
    ...usageHandlers(deps),
    ...dashboardHandlers(deps),
    ...mailHandlers(deps),
    ...letterHandlers(deps),
    ...careHandlers(deps),
    ...backupHandlers(deps),
    ...archiveHandlers(deps),

    'grades.recompute': (_input, ctx) => db.write('grades.recompute', (w) => ({ changed: recomputeGrades(w, ctx.now), distribution: gradeDistribution(w) })),

    'jobs.get': (input) => jobs.status(input.id),
    'jobs.cancel': (input) => jobs.cancel(input.id),
  };
}
