/**
 * Reply cards (回执) and replies by phone: the customer answered the letter, so the campaign gets an outcome as a
 * visit would give it — through recordVisit, so usage, grades, maintenance and the rates all follow the same
 * rules — marked with the letter channel so results by channel show what the mailing brought.
 */
import type { Outcome } from '../../shared/campaign';
import type { Writer } from '../db/handles';
import { recordVisit } from '../campaigns/visits';
import type { CallContext } from '../services/context';
import { findPiece, type PieceRef } from './returns';

export function recordReply(
  w: Writer,
  ctx: CallContext,
  input: PieceRef & { id: string; outcome: Outcome; turnover: number; revenue: number; note: string | null; via: 'card' | 'phone' },
): { id: string; duplicate: boolean; outcome: string; seq: number; name: string } {
  const piece = findPiece(w, input);
  const res = recordVisit(w, ctx, {
    id: input.id,
    targetId: piece.target_id,
    outcome: input.outcome,
    turnover: input.turnover,
    revenue: input.revenue,
    followUpDate: null,
    note: [input.via === 'card' ? '回执' : '电话回复', input.note].filter(Boolean).join('：'),
    visitedAt: null,
  });
  if (!res.duplicate) w.run("UPDATE visits SET channel = 'letter' WHERE id = ?", [input.id]);
  const name = w.value<string>('SELECT name FROM customers WHERE id = ?', [piece.customer_id]) ?? '';
  return { ...res, seq: Number(piece.seq), name };
}
