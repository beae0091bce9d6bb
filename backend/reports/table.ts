/** Report tables are built the same way at the branch and the hub (shared/reportTable.ts). */
export { ratio, table } from '../../shared/reportTable';
