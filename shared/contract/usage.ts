/** Contract entries of one area, spread into the one contract in shared/contract.ts. */
export const usageOps = {} as const;
