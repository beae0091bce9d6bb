/** The 用邮信息 section's key in the address (#/usage/queue). */
export const USAGE_SECTION = 'usage';
