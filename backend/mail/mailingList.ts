/**
 * The mailing list for the print and mail centre (交寄清单): a campaign's letter targets sorted as bulk mail is
 * handed in — postal code, then village, then address — with stable sequence numbers (流水号), totals per postal
 * code, and the targets left out with the reason on their own sheet.
 *
 * A piece's number is stored the first time it appears on a list (mail_pieces) and never changes, so the list
 * printed again next day, or on another PC after sync, carries the numbers written on the envelopes already.
 */
import type { Report, ReportColumn, ReportTable } from '../../shared/domain';
import { salutation, type MailExclusion } from '../../shared/mail';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { stableId } from '../usage/keys';
import { fullAddress, mailProblem } from './address';
import { campaignFor, targetRows, type CampaignHead } from './targets';

export const pieceId = (campaignId: string, customerId: string) => stableId('mail-piece', campaignId, customerId);

export interface MailRow {
  seq: number;
  customerId: string;
  code: string | null;
  name: string;
  salutation: string;
  address: string;
  postalCode: string;
  /** Town + village, the list's second sort key. */
  village: string;
  villageName: string;
  townName: string;
  variant: string;
}

export interface MailingList {
  campaign: CampaignHead;
  rows: MailRow[];
  excluded: MailExclusion[];
  newPieces: number;
}

// Numeric, so 东风村2号 comes before 东风村10号 as a carrier walks the street.
const collator = new Intl.Collator('zh-CN', { numeric: true });

export type UnnumberedRow = Omit<MailRow, 'seq'> & { targetId: string };

/**
 * The pieces that can go out, in the order bulk mail is handed in (postal code, village, address), and the
 * targets left out with the reason. Reads only: the preview of a letter uses it without numbering anything, for
 * one customer (`who`: code or exact name) when it knows whom to show.
 */
export function mailRows(r: Reader, campaignId: string, who?: string): { rows: UnnumberedRow[]; excluded: MailExclusion[] } {
  const rows: UnnumberedRow[] = [];
  const excluded: MailExclusion[] = [];
  for (const t of targetRows(r, campaignId, who)) {
    const address = fullAddress(t);
    const problem = mailProblem(t);
    if (problem) {
      excluded.push({ customerId: t.customer_id, code: t.code, name: t.name, address, postalCode: t.postal_code, reason: problem });
      continue;
    }
    rows.push({
      targetId: t.target_id,
      customerId: t.customer_id,
      code: t.code,
      name: t.name,
      salutation: salutation({ kind: t.kind, name: t.name, sex: t.sex, idNumber: t.id_number }),
      address,
      postalCode: t.postal_code!,
      village: `${t.town_name ?? ''}${t.village_name ?? ''}`,
      villageName: t.village_name ?? '',
      townName: t.town_name ?? '',
      variant: t.variant ?? '',
    });
  }
  rows.sort(
    (a, b) =>
      a.postalCode.localeCompare(b.postalCode) ||
      collator.compare(a.village, b.village) ||
      collator.compare(a.address, b.address) ||
      collator.compare(a.name, b.name),
  );
  excluded.sort((a, b) => collator.compare(a.reason, b.reason) || collator.compare(a.address, b.address));
  return { rows, excluded };
}

/** Builds the list and numbers the pieces that have no number yet, in list order. */
export function prepareMailingList(w: Writer, ctx: CallContext, campaignId: string, kind = '商函邮寄清单'): MailingList {
  const campaign = campaignFor(w, campaignId, 'letter');
  const seqs = new Map(
    w
      .all<{ customer_id: string; seq: number }>('SELECT customer_id, seq FROM mail_pieces WHERE campaign_id = ?', [campaignId])
      .map((p) => [p.customer_id, Number(p.seq)]),
  );
  const { rows, excluded } = mailRows(w, campaignId);
  let next = Number(w.value('SELECT MAX(seq) FROM mail_pieces WHERE campaign_id = ?', [campaignId]) ?? 0) + 1;
  let newPieces = 0;
  const at = ctx.now.toISOString();
  const fresh: [string, string, string, number][] = [];
  const numbered = rows.map((r): MailRow => {
    let seq = seqs.get(r.customerId);
    if (seq === undefined) {
      seq = next++;
      newPieces++;
      fresh.push([pieceId(campaignId, r.customerId), r.customerId, r.targetId, seq]);
    }
    const { targetId: _t, ...rest } = r;
    return { seq, ...rest };
  });
  // One statement per 5,000 pieces instead of one per piece: binding from JS into the WASM engine costs more than
  // the insert itself, and a first list of 80,000 pieces must stay well under ten seconds.
  for (let i = 0; i < fresh.length; i += 5000) {
    w.run(
      `INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at)
       SELECT json_extract(j.value, '$[0]'), $campaign, json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), $at FROM json_each($pieces) j`,
      { $campaign: campaignId, $at: at, $pieces: JSON.stringify(fresh.slice(i, i + 5000)) },
    );
  }
  audit(w, ctx, 'export', 'campaign', [campaignId], { kind, pieces: numbered.length, excluded: excluded.length, newPieces });
  return { campaign, rows: numbered, excluded, newPieces };
}

const COL: Record<'code' | 'name' | 'address' | 'postalCode', ReportColumn> = {
  code: { key: 'code', title: '客户编号', type: 'text', width: 12 },
  name: { key: 'name', title: '姓名', type: 'text', width: 14 },
  address: { key: 'address', title: '地址', type: 'text', width: 44 },
  postalCode: { key: 'postalCode', title: '邮政编码', type: 'text', width: 10 },
};

/** The workbook as report tables: list, left-out targets (second sheet), totals per postal code; people see 客户编号. */
export function mailingReport(r: Reader, list: MailingList, now: Date): Report {
  const perCode = new Map<string, number>();
  for (const row of list.rows) perCode.set(row.postalCode, (perCode.get(row.postalCode) ?? 0) + 1);
  const tables: ReportTable[] = [
    {
      key: 'pieces',
      title: '邮寄清单',
      columns: [
        { key: 'seq', title: '流水号', type: 'int', width: 8 },
        COL.code,
        COL.name,
        { key: 'salutation', title: '称呼', type: 'text', width: 14 },
        COL.address,
        COL.postalCode,
        { key: 'variant', title: '方案', type: 'text', width: 6 },
      ],
      rows: list.rows.map((x) => ({
        seq: x.seq,
        code: x.code ?? x.customerId,
        name: x.name,
        salutation: x.salutation,
        address: x.address,
        postalCode: x.postalCode,
        variant: x.variant,
      })),
      totals: { seq: null, code: `合计 ${list.rows.length} 件`, name: null, salutation: null, address: null, postalCode: null, variant: null },
    },
    {
      key: 'excluded',
      title: '未列入',
      columns: [COL.code, COL.name, COL.address, COL.postalCode, { key: 'reason', title: '原因', type: 'text', width: 30 }],
      rows: list.excluded.map((x) => ({ code: x.code ?? x.customerId, name: x.name, address: x.address, postalCode: x.postalCode, reason: x.reason })),
      totals: { code: `合计 ${list.excluded.length} 户`, name: null, address: null, postalCode: null, reason: null },
    },
    {
      key: 'totals',
      title: '按邮编合计',
      columns: [
        { key: 'postalCode', title: '邮政编码', type: 'text', width: 10 },
        { key: 'pieces', title: '件数', type: 'int', width: 10, sum: true },
      ],
      rows: [...perCode].map(([postalCode, pieces]) => ({ postalCode, pieces })),
      totals: { postalCode: '合计', pieces: list.rows.length },
    },
  ];
  return {
    name: 'campaign',
    // Short, so the sheet names (title-table) stay whole within Excel's 31 characters; the campaign is in the notes.
    title: '商函',
    branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '未命名网点',
    from: null,
    to: null,
    generatedAt: now.toISOString(),
    tables,
    notes: [
      `营销活动：${list.campaign.name}（${list.campaign.id}）`,
      ...(list.excluded.length
        ? [`${list.excluded.length} 户因地址、邮编问题或客户要求不寄商函未列入，见“未列入”表；补全地址后重新生成清单即可（已编的流水号不变）`]
        : []),
    ],
  };
}
