import { audit } from '../../auth/audit';
import { writeWorkbook } from '../../excel/writeTable';
import { upcomingBirthdays } from '../../services/birthdays';
import { cleanupCandidates, deleteMany, keepCustomers, restoreBatch } from '../../services/cleanup';
import { customerHistory } from '../../services/customers';
import { assertInScope, customerScope } from '../../services/customerScope';
import { findDuplicates, mergeCustomers } from '../../services/duplicates';
import { maintenanceDashboard } from '../../services/maintenance';
import { AppError } from '../../../shared/errors';
import { ADMIN_ONLY_SETTINGS, branchSettings, updateBranchSettings } from '../../services/settings';
import { completeVerification, drawVerificationSample, verificationMonth } from '../../services/verification';
import type { HandlerDeps, Handlers } from './deps';

type MaintenanceOps =
  | 'customers.history'
  | 'customers.duplicates'
  | 'customers.merge'
  | 'customers.mergeGroup'
  | 'customers.deleteMany'
  | 'customers.restoreBatch'
  | 'customers.birthdays'
  | 'customers.birthdaysExport'
  | 'cleanup.list'
  | 'cleanup.keep'
  | 'maintenance.dashboard'
  | 'verification.current'
  | 'verification.draw'
  | 'verification.complete'
  | 'settings.get'
  | 'settings.update';

export function maintenanceHandlers({ db, divisions }: HandlerDeps): Pick<Handlers, MaintenanceOps> {
  return {
    'customers.history': (input, ctx) =>
      db.read((r) => {
        assertInScope(r, customerScope(ctx), input.id);
        return customerHistory(r, input.id);
      }),
    'customers.duplicates': () => db.read((r) => findDuplicates(r)),
    'customers.merge': (input, ctx) => db.write('customers.merge', (w) => mergeCustomers(w, ctx, input.keepId, input.mergeId)),
    'customers.mergeGroup': (input, ctx) =>
      db.write('customers.mergeGroup', (w) => {
        let kept = null;
        for (const id of input.mergeIds) kept = mergeCustomers(w, ctx, input.keepId, id);
        return kept!;
      }),
    'customers.deleteMany': (input, ctx) => db.write('customers.deleteMany', (w) => deleteMany(w, ctx, input.ids, input.reason)),
    'customers.restoreBatch': (input, ctx) => db.write('customers.restoreBatch', (w) => restoreBatch(w, ctx, input.batch)),
    'customers.birthdays': (input, ctx) => db.read((r) => upcomingBirthdays(r, ctx.now, input.days)),
    'customers.birthdaysExport': (input, ctx) => {
      const rows = db.read((r) => upcomingBirthdays(r, ctx.now, input.days)).filter((b) => b.consent);
      db.write('customers.birthdaysExport', (w) =>
        audit(
          w,
          ctx,
          'export',
          'customer',
          rows.map((b) => b.id),
          { kind: '近期生日', count: rows.length },
        ),
      );
      const buffer = writeWorkbook([
        {
          name: '近期生日',
          headers: ['生日', '还有(天)', '周岁', '姓名', '手机', '行政村', '地址'],
          rows: rows.map((b) => [b.nextBirthday, b.daysUntil, b.turning, b.name, b.phone, b.villageName, b.address]),
          widths: [12, 9, 6, 10, 14, 14, 30],
        },
      ]);
      // Greeting cards are marketing: only customers who consented are exported.
      return { fileName: `近期生日_${ctx.now.toISOString().slice(0, 10)}.xlsx`, dataBase64: buffer.toString('base64') };
    },
    'cleanup.list': (input, ctx) => db.read((r) => cleanupCandidates(r, ctx.now, input.offset, input.limit)),
    'cleanup.keep': (input, ctx) => db.write('cleanup.keep', (w) => ({ kept: keepCustomers(w, ctx, input.ids) })),
    'maintenance.dashboard': (_input, ctx) => db.read((r) => maintenanceDashboard(r, ctx.now)),
    'verification.current': (_input, ctx) => db.read((r) => verificationMonth(r, ctx.now)),
    'verification.draw': (_input, ctx) => db.write('verification.draw', (w) => drawVerificationSample(w, ctx)),
    'verification.complete': (input, ctx) => db.write('verification.complete', (w) => completeVerification(w, ctx, input.id, input.note)),
    'settings.get': () => db.read(branchSettings),
    'settings.update': (input, ctx) =>
      db.write('settings.update', (w) => {
        const before = branchSettings(w);
        // What set-up wrote about the branch itself (its postal code, its county) is the administrator's to change.
        const adminOnly = ADMIN_ONLY_SETTINGS.filter((k) => input[k] !== undefined && input[k] !== before[k]);
        if (adminOnly.length && ctx.role !== 'admin') {
          throw new AppError(
            'FORBIDDEN',
            '网点邮政编码和所在区县只有管理员可以修改',
            adminOnly.map((field) => ({ field, message: '只有管理员可以修改' })),
          );
        }
        if (input.countyCode !== undefined && input.countyCode !== before.countyCode && !divisions.countyName(input.countyCode)) {
          throw new AppError('VALIDATION', `区县代码 ${input.countyCode} 不在全国区划中`, [{ field: 'countyCode', message: '没有这个区县' }]);
        }
        const after = updateBranchSettings(w, input, ctx.now.toISOString());
        audit(w, ctx, 'settings.edit', 'settings', [], { old: before, new: after });
        return after;
      }),
  };
}
