/**
 * The hub checks pushes against shared/branchSchema.ts, generated from the branch's migrations: a migration
 * added without regenerating it would let the hub refuse good data (or accept bad), so this fails until it is.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBranchSchema, renderBranchSchema } from '../../scripts/branch-schema';
import { MIGRATIONS } from '../../backend/db/migrations';
import { BRANCH_SCHEMA } from '../../shared/branchSchema';
import { changeProblem } from '../../shared/rowCheck';

describe('the branch schema the hub checks against', () => {
  it('is the one the migrations make (run npm run build:schema after adding a migration)', async () => {
    const fresh = renderBranchSchema(await buildBranchSchema());
    expect(fs.readFileSync(new URL('../../shared/branchSchema.ts', import.meta.url), 'utf8')).toBe(fresh);
    expect(BRANCH_SCHEMA.version).toBe(MIGRATIONS.length);
  });

  it('knows every CHECK of the migrations: grades, roles, stages, quarters and targets', () => {
    const col = (t: string, c: string) => BRANCH_SCHEMA.tables[t]!.columns.find((x) => x.name === c)!;
    expect(col('customers', 'grade').check).toEqual({ min: 1, max: 4 });
    expect(col('users', 'role').check).toEqual({ in: ['admin', 'supervisor', 'clerk', 'carrier'] });
    expect(col('collection_plans', 'target').check).toEqual({ min: 0 });
    expect(col('visits', 'customer_id').ref).toBe('customers');
    expect(changeProblem(BRANCH_SCHEMA, 'collection_plans', 'p', { target: -1 }, false)).toMatch(/不能小于 0/);
    expect(changeProblem(BRANCH_SCHEMA, 'customers', 'c', { birth_date: '1990-02-30' }, false)).toMatch(/日期/);
    expect(changeProblem(BRANCH_SCHEMA, 'customers', 'c', { birth_date: '1990-02-28', maintained_at: '2026-12-06T04:20:20.652Z' }, false)).toBeNull();
  });
});
