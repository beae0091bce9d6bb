import { markNotDuplicate } from '../../services/duplicates';
import { listDeleted } from '../../services/recycleBin';
import { setVillageServed } from '../../services/villages';
import type { HandlerDeps, Handlers } from './deps';

type CareOps = 'customers.deleted' | 'customers.notDuplicate' | 'villages.setServed';

export function careHandlers({ db }: HandlerDeps): Pick<Handlers, CareOps> {
  return {
    'customers.deleted': (input, ctx) => db.read((r) => listDeleted(r, ctx.now, input)),
    'customers.notDuplicate': (input, ctx) => db.write('customers.notDuplicate', (w) => ({ marked: markNotDuplicate(w, ctx, input.pairs) })),
    'villages.setServed': (input, ctx) => db.write('villages.setServed', (w) => setVillageServed(w, ctx, input)),
  };
}
