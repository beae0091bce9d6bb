import crypto from 'node:crypto';

/** Globally unique ids: branches create records offline and the hub must never see two with one id. */
export const newId = (): string => crypto.randomUUID();
