import { seedBranch } from '../../seed/generate';
import { addOfficialVillages, applyEdition, createBranch, setupStatus, SETTING_POSTAL_CODE } from '../../services/setup';
import { getSetting } from '../../services/settings';
import type { HandlerDeps, Handlers } from './deps';

type SetupOps =
  | 'setup.status'
  | 'setup.createBranch'
  | 'setup.loadDemo'
  | 'divisions.counties'
  | 'divisions.towns'
  | 'divisions.villages'
  | 'divisions.search'
  | 'villages.addOfficial'
  | 'divisions.applyEdition';

/** A demo branch on real divisions: two towns of 德州市德城区 and synthetic customers. */
const DEMO = { branchName: '演示网点（黄河涯支局）', postalCode: '253000', countyCode: '371402', towns: 2, customers: 3000 };

export function setupHandlers({ db, divisions }: HandlerDeps): Pick<Handlers, SetupOps> {
  return {
    'setup.status': () => db.read((r) => setupStatus(r, divisions)),
    'setup.createBranch': (input, ctx) => db.write('setup.createBranch', (w) => createBranch(w, ctx, divisions, input)),
    'setup.loadDemo': (_input, ctx) =>
      db.write('setup.loadDemo', (w) => {
        const towns = divisions
          .full()
          .townsOf(DEMO.countyCode)
          .slice(-DEMO.towns)
          .map((t) => t.code);
        const { villages } = createBranch(w, ctx, divisions, {
          branchName: DEMO.branchName,
          postalCode: DEMO.postalCode,
          countyCode: DEMO.countyCode,
          townCodes: towns,
          extraVillages: [],
        });
        const villageIds = w.all<{ id: string }>('SELECT id FROM villages WHERE deleted_at IS NULL').map((v) => v.id);
        const seeded = seedBranch(w, { villages: 0, villageIds, customers: DEMO.customers, seed: 1, now: ctx.now, actor: ctx.actor });
        return { villages, customers: seeded.customers };
      }),
    'divisions.counties': (input) => divisions.full().searchCounties(input.query),
    'divisions.towns': (input) => divisions.full().townsOf(input.countyCode),
    'divisions.villages': (input) => input.townCodes.flatMap((t) => divisions.full().villagesOf(t)),
    'divisions.search': (input) => divisions.full().search(input.query, input.limit),
    'divisions.applyEdition': (_input, ctx) => db.write('divisions.applyEdition', (w) => applyEdition(w, ctx, divisions)),
    'villages.addOfficial': (input, ctx) =>
      db.write('villages.addOfficial', (w) => ({ added: addOfficialVillages(w, ctx, divisions, input.codes, getSetting(w, SETTING_POSTAL_CODE) ?? null) })),
  };
}
