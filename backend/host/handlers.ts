/**
 * One handler per contract operation. The mapped type makes a missing or mistyped handler a compile error,
 * so the contract and the backend cannot drift apart.
 */
import type { OpName, OpOutput, OpParsed } from '../../shared/contract';
import type { LocalDatabase } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import { createCustomer, deleteCustomer, getCustomer, listCustomers, restoreCustomer, updateCustomer } from '../services/customers';
import type { CustomerSearchIndex } from '../services/searchIndex';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { tableCounts } from '../services/stats';
import { createVillage, listVillages, renameVillage } from '../services/villages';

export interface HandlerDeps {
  db: LocalDatabase;
  index: CustomerSearchIndex;
  version: string;
}

export type Handlers = {
  [K in OpName]: (input: OpParsed<K>, ctx: CallContext) => OpOutput<K> | Promise<OpOutput<K>>;
};

export function createHandlers({ db, index, version }: HandlerDeps): Handlers {
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
  };
}
