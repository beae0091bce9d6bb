import { audit } from '../../auth/audit';
import { accessWorkbook, eraseCustomer } from '../../services/privacy';
import type { HandlerDeps, Handlers } from './deps';

type PrivacyOps = 'customers.revealId' | 'customers.accessExport' | 'customers.erase';

export function privacyHandlers({ db }: HandlerDeps): Pick<Handlers, PrivacyOps> {
  return {
    'customers.revealId': (input, ctx) =>
      db.write('customers.revealId', (w) => {
        const idNumber = w.value<string>('SELECT id_number FROM customers WHERE id = ? AND deleted_at IS NULL', [input.id]) ?? null;
        audit(w, ctx, 'reveal', 'customer', [input.id], { field: 'idNumber' });
        return { idNumber };
      }),
    'customers.accessExport': (input, ctx) =>
      db.write('customers.accessExport', (w) => {
        const { buffer, name } = accessWorkbook(w, input.id);
        audit(w, ctx, 'export.access', 'customer', [input.id]);
        return { fileName: `个人信息_${name}_${ctx.now.toISOString().slice(0, 10)}.xlsx`, dataBase64: buffer.toString('base64') };
      }),
    'customers.erase': (input, ctx) => db.write('customers.erase', (w) => eraseCustomer(w, ctx, input.id, input.reason)),
  };
}
