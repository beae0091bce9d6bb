/** Contract entries of one area, spread into the one contract in shared/contract.ts. */
export const dashboardOps = {} as const;
