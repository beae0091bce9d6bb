import { Button, Card, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { OUTCOME_CODES, OUTCOMES, type Outcome } from '../../../../../shared/campaign';
import { BARCODE_RE, RETURN_REASONS, type ReturnReason, type ReturnResult } from '../../../../../shared/mail';
import { api } from '../../../api';
import { formatPercent } from '../../../lib/format';
import { useAction } from './useAction';

/**
 * 登记退信 and 回执: the clerk types or scans the 流水号 (a scanner types it and presses Enter) or the customer code; the
 * reason stays selected between envelopes, since a pile of returns usually shares one. A reply card records an
 * outcome like a visit; its id is kept until the save succeeds, so a retry after a failure records once.
 */
export function ReturnsCard({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { busy, run, message } = useAction();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState<ReturnReason>('查无此人');
  const [last, setLast] = useState<ReturnResult | null>(null);
  const [mode, setMode] = useState<'return' | 'reply'>('return');
  const [outcome, setOutcome] = useState<Outcome>('interested');
  const [revenue, setRevenue] = useState<number | null>(null);
  const [replyId, setReplyId] = useState(() => crypto.randomUUID());

  const submit = () => {
    const text = code.trim();
    if (!text) return;
    // A scanner types the piece's 10-digit barcode; a clerk types the short 流水号 printed under it.
    const ref = BARCODE_RE.test(text) ? { barcode: text } : /^\d+$/.test(text) ? { seq: Number(text) } : { customerCode: text };
    if (mode === 'reply') {
      return run('return', async () => {
        const res = await api['mail.reply']({
          campaignId,
          id: replyId,
          ...ref,
          outcome,
          revenue: outcome === 'success' ? Math.round((revenue ?? 0) * 100) : 0,
          via: 'card',
        });
        setReplyId(crypto.randomUUID());
        setCode('');
        setRevenue(null);
        onDone();
        return `${res.duplicate ? '此前已登记' : '已登记回执'}：流水号 ${res.seq} ${res.name}（${OUTCOMES[outcome].label}）`;
      });
    }
    return run('return', async () => {
      const res = await api['mail.returned']({ campaignId, reason, ...ref });
      setLast(res);
      setCode('');
      onDone();
      if (res.duplicate) message.info(`流水号 ${res.seq} ${res.name} 此前已登记退信`);
      return res.duplicate ? null : `已登记：流水号 ${res.seq} ${res.code ? `${res.code} ` : ''}${res.name}（${res.reason}）`;
    });
  };

  return (
    <Card
      size="small"
      title="登记退信和回执"
      extra={
        <Segmented<'return' | 'reply'>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'return', label: '退信' },
            { value: 'reply', label: '回执' },
          ]}
        />
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input
            autoFocus
            style={{ width: 260 }}
            placeholder="流水号、条码或客户编号，回车登记"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => void submit()}
            aria-label="流水号或客户编号"
            data-testid="mail-return-code"
          />
          {mode === 'return' ? (
            <Select<ReturnReason>
              style={{ width: 160 }}
              value={reason}
              onChange={setReason}
              options={RETURN_REASONS.map((r) => ({ value: r, label: r }))}
              aria-label="退信原因"
            />
          ) : (
            <>
              <Select<Outcome>
                style={{ width: 120 }}
                value={outcome}
                onChange={setOutcome}
                options={OUTCOME_CODES.map((o) => ({ value: o, label: OUTCOMES[o].label }))}
                aria-label="回执结果"
              />
              {outcome === 'success' && (
                <InputNumber<number> min={0} precision={2} prefix="¥" placeholder="收入" value={revenue} onChange={setRevenue} aria-label="收入" />
              )}
            </>
          )}
          <Button type="primary" loading={busy === 'return'} onClick={() => void submit()} disabled={!code.trim()}>
            登记
          </Button>
        </Space>
        <Typography.Text type="secondary">除“拒收”外，退信会把客户地址标记为待核实，客户进入数据清理名单，下次邮寄清单不再列入。</Typography.Text>
        {last && (
          <Typography.Text data-testid="mail-return-rate">
            本活动退信 {last.returned} / {last.pieces} 件，退信率 {formatPercent(last.returnRate)}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
