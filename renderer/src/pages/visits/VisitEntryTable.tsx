import { App } from 'antd';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import type { OpenTarget } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText, problemsOf } from '../../lib/errors';
import { useVisitDrafts } from './useVisitDrafts';
import { checkDraft, lacksAmounts, OUTCOME_BY_KEY, type Checked, type DraftField } from './visitDraft';
import { VisitRow } from './VisitRow';
import './visits.css';

interface Props {
  targets: OpenTarget[];
  userId: string;
  showCampaign: boolean;
  onSaved: () => void;
}

const FIELDS: readonly string[] = ['turnover', 'revenue', 'followUpDate', 'note'];

/**
 * Keyboard-only entry: focus starts on the first row; 1–6 pick the outcome (成功 moves the caret to the amount),
 * Tab walks the row's fields, Enter saves and moves to the next row, ↑/↓ move between rows, Esc leaves a field.
 */
export function VisitEntryTable({ targets, userId, showCampaign, onSaved }: Props) {
  const { drafts, update, get } = useVisitDrafts(userId);
  const body = useRef<HTMLTableSectionElement>(null);
  const inFlight = useRef(new Set<string>());
  const asking = useRef(false);
  const { message, modal } = App.useApp();

  const rowEl = (targetId: string) => body.current?.querySelector<HTMLElement>(`tr[data-target-id="${CSS.escape(targetId)}"]`) ?? null;
  const rows = () => Array.from(body.current?.querySelectorAll<HTMLElement>('tr[data-target-id]') ?? []);

  useEffect(() => {
    // Focus starts on the first row still to enter, once the list is on screen.
    const first = targets.find((t) => get(t.targetId)?.status !== 'saved');
    if (first) rowEl(first.targetId)?.focus();
    // Only when a new list arrives, not on every keystroke.
  }, [targets, get]);

  const onField = useCallback(
    (targetId: string, field: DraftField, value: string) =>
      update(targetId, (d) => ({ ...d, [field]: value, ...(d.errorField === field ? { errorField: undefined } : {}) })),
    [update],
  );

  const focusNext = (targetId: string) => {
    const all = rows();
    const at = all.findIndex((r) => r.dataset['targetId'] === targetId);
    const next = all.slice(at + 1).find((r) => get(r.dataset['targetId']!)?.status !== 'saved');
    (next ?? all[at])?.focus();
    // The row just saved may not show as saved yet (the render is still to come): count it as saved.
    if (!next && all.every((r) => r === all[at] || get(r.dataset['targetId']!)?.status === 'saved')) message.success('本页走访已全部录入');
  };

  const focusField = (targetId: string, field: DraftField) => rowEl(targetId)?.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)?.focus();

  /**
   * A 成功 without 流转额 or 收入 counts nothing in the results: asked once, naming how many 成功 rows on the page
   * lack amounts. 返回填写 (the default, and Esc) puts the caret on the first empty amount; 仍然保存 saves this row
   * and is not asked again for the rows named.
   */
  const askAmounts = (targetId: string) => {
    if (asking.current) return;
    asking.current = true;
    const lacking = targets.filter((t) => lacksAmounts(get(t.targetId)));
    const names = lacking.map((t) => t.name);
    let after = () => {
      const d = get(targetId);
      focusField(targetId, d && d.turnover.trim() ? 'revenue' : 'turnover');
    };
    modal.confirm({
      title: `${lacking.length} 户“成功”未填流转额或收入`,
      content: (
        <div data-testid="amount-confirm">
          <p style={{ margin: '8px 0' }}>
            {names.slice(0, 5).join('、')}
            {names.length > 5 ? ` 等 ${names.length} 户` : ''}
          </p>
          <p style={{ margin: 0 }}>不填金额，活动结果中的流转额和收入会偏少。按“返回填写”补上金额；确实没有金额，按“仍然保存”（这些户不再提示）。</p>
        </div>
      ),
      okText: '仍然保存',
      cancelText: '返回填写',
      focusable: { autoFocusButton: 'cancel', focusTriggerAfterClose: false },
      onOk: () => {
        for (const t of lacking) update(t.targetId, (x) => ({ ...x, noAmounts: true }));
        after = () => void save(targetId, true);
      },
      afterClose: () => {
        asking.current = false;
        after();
      },
    });
  };

  const save = async (targetId: string, amountsConfirmed = false) => {
    const d = get(targetId);
    if (d?.status === 'saved') return focusNext(targetId);
    if (inFlight.current.has(targetId)) return;
    const checked: Checked = d ? checkDraft(targetId, d) : { ok: false, message: '请先按 1–6 选择走访结果', field: 'outcome' };
    if (!checked.ok) {
      update(targetId, (x) => ({ ...x, status: 'error', error: checked.message, errorField: checked.field }));
      if (checked.field !== 'outcome') focusField(targetId, checked.field);
      return;
    }
    if (!amountsConfirmed && lacksAmounts(d)) return askAmounts(targetId);
    inFlight.current.add(targetId);
    update(targetId, (x) => ({ ...x, status: 'saving', error: undefined, errorField: undefined }));
    try {
      const res = await api['visits.record'](checked.input);
      update(targetId, (x) => ({ ...x, status: 'saved', duplicate: res.duplicate, followUpDate: checked.input.followUpDate ?? '' }));
      onSaved();
      focusNext(targetId);
    } catch (e) {
      const field = problemsOf(e)
        .map((p) => p.field.split('.').pop() ?? '')
        .find((f) => FIELDS.includes(f)) as DraftField | undefined;
      update(targetId, (x) => ({ ...x, status: 'error', error: `未保存：${errorText(e)}`, errorField: field }));
      rowEl(targetId)?.focus();
    } finally {
      inFlight.current.delete(targetId);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('tr[data-target-id]');
    const targetId = row?.dataset['targetId'];
    if (!row || !targetId) return;
    const inField = target !== row;
    if (e.key === 'Enter') {
      e.preventDefault();
      void save(targetId);
      return;
    }
    if (inField) {
      if (e.key === 'Escape') row.focus();
      return;
    }
    const outcome = OUTCOME_BY_KEY[e.key];
    if (outcome && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      if (get(targetId)?.status === 'saved') return;
      flushSync(() => update(targetId, (d) => ({ ...d, outcome, ...(d.errorField === 'outcome' ? { errorField: undefined, status: 'editing' } : {}) })));
      if (outcome === 'success') row.querySelector<HTMLInputElement>('input[data-field="turnover"]')?.focus();
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const all = rows();
      const at = all.indexOf(row);
      all[e.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)]?.focus();
    }
  };

  return (
    <table className="visit-entry" data-testid="visit-entry">
      <thead>
        <tr>
          <th style={{ width: 44 }} />
          <th>客户</th>
          <th>村/地址</th>
          <th>户类型</th>
          {showCampaign && <th>活动</th>}
          <th>结果</th>
          <th>流转额</th>
          <th>收入</th>
          <th>跟进日期</th>
          <th>备注</th>
        </tr>
      </thead>
      <tbody ref={body} onKeyDown={onKeyDown}>
        {targets.map((t, i) => (
          <VisitRow key={t.targetId} target={t} index={i} draft={drafts[t.targetId]} showCampaign={showCampaign} onField={onField} />
        ))}
      </tbody>
    </table>
  );
}
