/**
 * A campaign's targets as mail and phone lists need them: one query for the customer, the village, the town and
 * the effective postal code, shared by the mailing list, returns and the SMS/call lists.
 */
import { CHANNELS, type Channel } from '../../shared/campaign';
import { AppError } from '../../shared/errors';
import { parseNoContact } from '../../shared/schemas';
import type { Reader } from '../db/handles';
import { branchPostalCode, EFFECTIVE_POSTAL_SQL } from './postalCodes';
import { readCustomerCode } from '../../shared/customerCode';

export interface CampaignHead {
  id: string;
  name: string;
  channels: Channel[];
  script: string | null;
}

export interface TargetRow {
  target_id: string;
  customer_id: string;
  code: string | null;
  variant: string | null;
  kind: string;
  name: string;
  sex: string | null;
  id_number: string | null;
  phone: string | null;
  consent: number;
  deleted_at: string | null;
  group_name: string | null;
  address: string | null;
  address_flag: string | null;
  phone_flag: string | null;
  /** JSON array of the channels the customer asked not to be contacted on (see optedOut). */
  no_contact: string;
  village_id: string | null;
  village_name: string | null;
  village_kind: string | null;
  town_name: string | null;
  postal_code: string | null;
}

/** The campaign, or a clear error for an unknown id, a missing channel or targets not frozen yet. */
export function campaignFor(r: Reader, id: string, channel: Channel): CampaignHead {
  const c = r.get<{ id: string; name: string; channels: string; script: string | null }>(
    'SELECT id, name, channels, script FROM campaigns WHERE id = ? AND deleted_at IS NULL',
    [id],
  );
  if (!c) throw new AppError('NOT_FOUND', `营销活动不存在：${id}`, [{ field: 'campaignId', message: '活动编号有误' }]);
  const channels = JSON.parse(c.channels) as Channel[];
  if (!channels.includes(channel))
    throw new AppError('VALIDATION', `营销活动“${c.name}”没有选择${CHANNELS[channel]}渠道`, [
      { field: 'campaignId', message: `未选择${CHANNELS[channel]}渠道` },
    ]);
  if (!r.value('SELECT 1 FROM campaign_targets WHERE campaign_id = ? LIMIT 1', [id]))
    throw new AppError('VALIDATION', `营销活动“${c.name}”还没有冻结目标名单`, [{ field: 'campaignId', message: '没有目标' }]);
  return { id: c.id, name: c.name, channels, script: c.script };
}

/** The customer asked not to be contacted on this channel (拒绝接触渠道): whatever the consent says, not on its list. */
export function optedOut(t: { no_contact: string | null | undefined }, channel: Channel): boolean {
  return parseNoContact(t.no_contact).includes(channel);
}

/** The reason shown beside a target left off a channel's list because of its opt-out. */
export const OPT_OUT_REASONS: Partial<Record<Channel, string>> = {
  letter: '客户要求不寄商函',
  sms: '客户要求不发短信',
  phone: '客户要求不打电话',
  door: '客户要求不上门',
};

/** Every target of the campaign, or only those whose customer has this id, 客户编号 or exactly this name (a preview). */
export function targetRows(r: Reader, campaignId: string, who?: string): TargetRow[] {
  const code = who === undefined ? undefined : readCustomerCode(who);
  return r.all<TargetRow>(
    `SELECT t.id AS target_id, t.customer_id, c.code, t.variant, c.kind, c.name, c.sex, c.id_number, c.phone, c.consent, c.deleted_at, c.group_name, c.address,
            c.address_flag, c.phone_flag, c.no_contact, v.id AS village_id, v.name AS village_name, v.kind AS village_kind, v.town_name, ${EFFECTIVE_POSTAL_SQL} AS postal_code
     FROM campaign_targets t JOIN customers c ON c.id = t.customer_id LEFT JOIN villages v ON v.id = c.village_id AND v.deleted_at IS NULL
     WHERE t.campaign_id = $campaign${who === undefined ? '' : ' AND (c.id = $who OR c.name = $who OR c.code = $code)'}`,
    { $campaign: campaignId, $branchPostal: branchPostalCode(r), ...(who === undefined ? {} : { $who: who, $code: code?.ok ? code.code : who }) },
  );
}
