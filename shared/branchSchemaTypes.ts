/** The shape of shared/branchSchema.ts (generated from the branch's migrations by scripts/branch-schema.ts). */

export type ColumnCheck = { in: string[] } | { min: number; max?: number };

export interface ColumnDef {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull: boolean;
  /** An insert may leave it out: the branch's default fills it. */
  hasDefault: boolean;
  /** By the naming rule of the branch schema: *_at holds an ISO time, *_date a calendar date. */
  format?: 'datetime' | 'date';
  check?: ColumnCheck;
  /** The table whose primary key this column refers to, inside the same branch. */
  ref?: string;
}

export interface TableDef {
  pk: string;
  columns: ColumnDef[];
}

export interface BranchSchema {
  /** Number of branch migrations: the schema version a branch reports with each push. */
  version: number;
  tables: Record<string, TableDef>;
}
