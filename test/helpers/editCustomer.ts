import type { Backend } from '../../backend/host/backend';
import type { CustomerPatchInput } from '../../shared/customerFields';
import { call } from './backend';

/** What a clerk does in the customer form: change some fields and save; the form sends only what changed. */
export async function editCustomer(b: Backend, id: string, patch: CustomerPatchInput): Promise<void> {
  await call(b, 'customers.update', { id, fields: patch });
}
