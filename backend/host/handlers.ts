/**
 * One handler per contract operation, grouped by domain in handlers/. The Handlers type makes a missing or
 * mistyped handler a compile error, so the contract and the backend cannot drift apart.
 */
import { createCustomer, deleteCustomer, getCustomer, listCustomers, restoreCustomer, updateCustomer } from '../services/customers';
import { gradeDistribution, recomputeGrades } from '../services/grades';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { tableCounts } from '../services/stats';
import { createVillage, listVillages, renameVillage } from '../services/villages';
import type { HandlerDeps, Handlers } from './handlers/deps';
import { importHandlers } from './handlers/importHandlers';
import { maintenanceHandlers } from './handlers/maintenanceHandlers';

export type { HandlerDeps, Handlers } from './handlers/deps';

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, index, jobs, version } = deps;
  return {
    'app.info': () =>
      db.read((r) => ({
        branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '未命名网点',
        version,
        schemaVersion: String(r.value('SELECT id FROM _migrations ORDER BY seq DESC LIMIT 1') ?? ''),
        dataDir: db.dir,
        snapshotGeneration: db.generation,
        pendingLogRecords: db.pendingLogRecords,
      })),
    'stats.counts': () => db.read(tableCounts),

    'villages.list': () => db.read(listVillages),
    'villages.create': (input, ctx) => db.write('villages.create', (w) => createVillage(w, ctx, input)),
    'villages.rename': (input, ctx) => db.write('villages.rename', (w) => renameVillage(w, ctx, input)),

    'customers.list': (input) => db.read((r) => listCustomers(r, index, input)),
    'customers.get': (input) => db.read((r) => getCustomer(r, input.id)),
    'customers.create': (input, ctx) => db.write('customers.create', (w) => createCustomer(w, ctx, input)),
    'customers.update': (input, ctx) => db.write('customers.update', (w) => updateCustomer(w, ctx, input.id, input.fields)),
    'customers.delete': (input, ctx) => db.write('customers.delete', (w) => deleteCustomer(w, ctx, input.id)),
    'customers.restore': (input, ctx) => db.write('customers.restore', (w) => restoreCustomer(w, ctx, input.id)),
    ...importHandlers(deps),
    ...maintenanceHandlers(deps),

    'grades.recompute': (_input, ctx) =>
      db.write('grades.recompute', (w) => ({ changed: recomputeGrades(w, ctx.now), distribution: gradeDistribution(w) })),

    'jobs.get': (input) => jobs.status(input.id),
    'jobs.cancel': (input) => jobs.cancel(input.id),
  };
}
