/**
 * The PDFs for a campaign's mail: merged letters, envelopes and address labels, in mailing-list order and with
 * the list's 流水号. Numbering happens first in one durable write (as for the list), so the PDF, the list and
 * the returns all speak of the same numbers; then the file is written outside any transaction.
 */
import { AppError } from '../../shared/errors';
import { pieceBarcode } from '../../shared/mail';
import { EmptyFieldCounter, LABEL_GRID_DEFAULT, PDF_KINDS, type EnvelopeSize, type PdfKind, type TemplateText } from '../../shared/letter';
import type { Reader } from '../db/handles';
import type { LocalDatabase } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import type { JobControl } from '../services/jobs';
import { getSetting, setSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { prepareMailingList } from './mailingList';
import { branchPostalCode } from './postalCodes';
import { mergeContext, mergeTemplate, mergeValues, templateFor } from './templates';
import { writePdf } from './pdf/writePdf';
import type { Piece, Sender } from './pdf/layouts';

export const SETTING_SENDER_ADDRESS = 'mail.senderAddress';

export interface MailPdfInput {
  campaignId: string;
  kind: PdfKind;
  envelope?: EnvelopeSize;
  cols?: number;
  rows?: number;
  sender?: string | undefined;
}

export function pdfDefaults(r: Reader): { sender: string; branchName: string; branchPostalCode: string | null } {
  return { sender: getSetting(r, SETTING_SENDER_ADDRESS) ?? '', branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '', branchPostalCode: branchPostalCode(r) };
}

export async function mailPdf(db: LocalDatabase, ctx: CallContext, input: MailPdfInput, out: string, ctl?: JobControl) {
  ctl?.progress(0, 0, '编排流水号');
  const list = db.write('mail.pdf', (w) => {
    const l = prepareMailingList(w, ctx, input.campaignId, `商函${PDF_KINDS[input.kind]}PDF`);
    if (input.sender !== undefined) setSetting(w, SETTING_SENDER_ADDRESS, input.sender);
    return l;
  });
  if (!list.rows.length)
    throw new AppError(
      'VALIDATION',
      `营销活动“${list.campaign.name}”没有可以寄出的商函（${list.excluded.length} 户因地址、邮编问题或客户要求不寄商函未列入，见邮寄清单的“未列入”表）`,
    );
  const { merge, templates, sender } = db.read((r) => {
    const templates = new Map<string, TemplateText | null>();
    for (const v of new Set(list.rows.map((x) => x.variant))) templates.set(v, templateFor(r, input.campaignId, v));
    const def = pdfDefaults(r);
    const sender: Sender = { name: def.branchName, address: def.sender, postalCode: def.branchPostalCode ?? '' };
    return { merge: mergeContext(r, input.campaignId, ctx.now), templates, sender };
  });
  if (input.kind === 'letters') {
    const missing = [...templates].filter(([, t]) => !t).map(([v]) => (v ? `方案 ${v}` : '本活动'));
    if (missing.length) throw new AppError('VALIDATION', `${missing.join('、')}还没有商函模板，请先在“商函模板”中编写并保存`);
  }
  // Each letter is merged once, as it is drawn; the fields that came out empty are counted on the way.
  const empty = new EmptyFieldCounter();
  const pieceAt = (i: number): Piece => {
    const row = list.rows[i]!;
    const piece: Piece = { seq: row.seq, barcode: pieceBarcode(input.campaignId, row.seq), name: row.name, address: row.address, postalCode: row.postalCode };
    if (input.kind !== 'letters') return piece;
    const t = templates.get(row.variant)!;
    const values = mergeValues(merge, row, t.fields);
    empty.add(t, values);
    return { ...piece, letter: mergeTemplate(t, values) };
  };
  const res = await writePdf(
    out,
    {
      kind: input.kind,
      envelope: input.envelope ?? 'DL',
      grid: { cols: input.cols ?? LABEL_GRID_DEFAULT.cols, rows: input.rows ?? LABEL_GRID_DEFAULT.rows },
      sender,
      title: `${list.campaign.name} ${PDF_KINDS[input.kind]}`,
    },
    list.rows.length,
    pieceAt,
    ctl,
  );
  const size = input.kind === 'envelopes' ? `_${input.envelope ?? 'DL'}` : input.kind === 'labels' ? `_${input.cols ?? 3}x${input.rows ?? 8}` : '';
  return {
    fileName: `商函${PDF_KINDS[input.kind]}${size}_${list.campaign.name}_${ctx.now.toISOString().slice(0, 10)}.pdf`,
    pieces: list.rows.length,
    pages: res.pages,
    bytes: res.bytes,
    excluded: list.excluded.length,
    missingChars: res.missingChars,
    emptyFields: empty.result(),
  };
}
