/**
 * Returned mail (退信): the clerk types or scans a piece's 流水号 (or the customer code) with the reason. The piece
 * is marked once (a second scan of the same envelope changes nothing), the customer's address is flagged for
 * verification — it then shows in the clean-up work and is left out of the next mailing — and the campaign's
 * return rate moves.
 */
import { campaignCheck, RETURN_REASONS, type ReturnReason, type ReturnResult } from '../../shared/mail';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { recordMaintenance } from '../services/customers';
import { findByCode } from '../services/customerCodes';

export function assertReason(reason: string): ReturnReason {
  if (!(RETURN_REASONS as readonly string[]).includes(reason)) {
    throw new AppError('VALIDATION', `未知的退信原因：${reason}（可用：${RETURN_REASONS.join('、')}）`, [{ field: 'reason', message: '未知的退信原因' }]);
  }
  return reason as ReturnReason;
}

export function returnStats(r: Reader, campaignId: string): { pieces: number; returned: number; returnRate: number } {
  const s = r.get<{ pieces: number; returned: number }>('SELECT COUNT(*) AS pieces, COUNT(returned_at) AS returned FROM mail_pieces WHERE campaign_id = ?', [
    campaignId,
  ]);
  const pieces = Number(s?.pieces ?? 0);
  const returned = Number(s?.returned ?? 0);
  return { pieces, returned, returnRate: pieces ? returned / pieces : 0 };
}

export interface PieceRef {
  campaignId: string;
  seq?: number | undefined;
  customerCode?: string | undefined;
  /** What a scanner typed from the piece: 流水号 + the campaign's check digits (pieceBarcode). */
  barcode?: string | undefined;
}

interface PieceRow {
  id: string;
  seq: number;
  customer_id: string;
  target_id: string;
  returned_at: string | null;
  return_reason: string | null;
}

/** The piece a clerk typed or scanned: by 流水号, or by customer code when the number is unreadable. */
export function findPiece(r: Reader, input: PieceRef): PieceRow {
  let ref = input;
  if (!r.value('SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL', [ref.campaignId])) {
    throw new AppError('NOT_FOUND', `营销活动不存在：${ref.campaignId}`, [{ field: 'campaignId', message: '活动编号有误' }]);
  }
  if (ref.barcode !== undefined) {
    if (ref.barcode.slice(8) !== campaignCheck(ref.campaignId)) {
      throw new AppError('VALIDATION', `这件商函（流水号 ${Number(ref.barcode.slice(0, 8))}）属于另一个营销活动，请在它所属的活动中登记`, [
        { field: 'seq', message: '条码不属于本活动' },
      ]);
    }
    ref = { ...ref, seq: Number(ref.barcode.slice(0, 8)) };
  }
  const cols = 'SELECT id, seq, customer_id, target_id, returned_at, return_reason FROM mail_pieces WHERE campaign_id = ?';
  let customerId = ref.customerCode ?? '';
  let shownCode = customerId;
  if (ref.seq === undefined && ref.customerCode !== undefined) {
    // The 客户编号 printed on the list (KM-00127X); the id older lists carried still works.
    const found = findByCode(r, ref.customerCode);
    if (found.found) [customerId, shownCode] = [found.id, found.code];
    else if (found.looksLikeCode) throw new AppError('VALIDATION', found.reason, [{ field: 'customerCode', message: '客户编号有误' }]);
  }
  const piece =
    ref.seq !== undefined
      ? r.get<PieceRow>(`${cols} AND seq = ?`, [ref.campaignId, ref.seq])
      : r.get<PieceRow>(`${cols} AND customer_id = ?`, [ref.campaignId, customerId]);
  if (!piece) {
    const what = ref.seq !== undefined ? `流水号 ${ref.seq}` : `客户编号 ${shownCode}`;
    throw new AppError('NOT_FOUND', `该活动的邮寄清单中没有${what}`, [{ field: ref.seq !== undefined ? 'seq' : 'customerCode', message: '没有这件商函' }]);
  }
  return piece;
}

export function recordReturn(w: Writer, ctx: CallContext, input: PieceRef & { reason: string; note?: string | null | undefined }): ReturnResult {
  const reason = assertReason(input.reason);
  const piece = findPiece(w, input);
  const who = w.get<{ name: string; code: string | null }>('SELECT name, code FROM customers WHERE id = ?', [piece.customer_id]);
  const name = who?.name ?? '';
  const code = who?.code ?? null;
  if (piece.returned_at) {
    return {
      seq: Number(piece.seq),
      customerId: piece.customer_id,
      code,
      name,
      reason: (piece.return_reason ?? reason) as ReturnReason,
      duplicate: true,
      ...returnStats(w, input.campaignId),
    };
  }
  const at = ctx.now.toISOString();
  w.run('UPDATE mail_pieces SET returned_at = ?, return_reason = ?, return_note = ?, returned_by = ? WHERE id = ?', [
    at,
    reason,
    input.note ?? null,
    ctx.actor,
    piece.id,
  ]);
  // 拒收 says nothing about the address; every other reason means the address on file does not reach the person.
  if (reason !== '拒收') {
    w.run('UPDATE customers SET address_flag = ?, updated_at = ? WHERE id = ?', [`退信：${reason}`, at, piece.customer_id]);
    recordMaintenance(w, ctx, piece.customer_id, 'returned-mail', ['address_flag']);
  }
  audit(w, ctx, 'mail.returned', 'customer', [piece.customer_id], { campaignId: input.campaignId, seq: piece.seq, reason });
  return { seq: Number(piece.seq), customerId: piece.customer_id, code, name, reason, duplicate: false, ...returnStats(w, input.campaignId) };
}
