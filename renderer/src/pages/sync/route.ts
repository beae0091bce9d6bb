/** The 同步 section's key, apart from the page so the top-bar tag can link to it without importing the page. */
export const SYNC_SECTION = 'sync';
