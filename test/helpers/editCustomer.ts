import type { Backend } from '../../backend/host/backend';
import { call } from './backend';

/** What a clerk does in the customer form: change some fields and save the whole form. */
export async function editCustomer(b: Backend, id: string, patch: Record<string, unknown>): Promise<void> {
  const c = await call(b, 'customers.get', { id });
  const fields = {
    kind: c.kind, name: c.name, idNumber: c.idNumber, phone: c.phone, landline: c.landline, villageId: c.villageId, groupName: c.groupName,
    address: c.address, householdType: c.householdType, tags: c.tags, incomeBand: c.incomeBand, consent: c.consent, consentSource: c.consentSource,
    source: c.source, influence: c.influence, referrer: c.referrer, interests: c.interests, notes: c.notes, ...patch,
  };
  await call(b, 'customers.update', { id, fields });
}
