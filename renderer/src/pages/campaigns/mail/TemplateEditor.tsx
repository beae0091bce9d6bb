import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Input, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import type { LetterTemplate, TemplateText } from '../../../../../shared/letter';
import { api } from '../../../api';
import { errorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { CustomFields } from './CustomFields';
import { LetterPreview } from './LetterPreview';
import { MergeFieldBar } from './MergeFieldBar';
import { duplicateNames, insertAt, sameText, startingPoint, toDraft, toText, type Draft, type TextPart } from './templateDraft';

type TextBox = HTMLInputElement | HTMLTextAreaElement;

/** Fired on window when a template was saved or deleted: the 打印文件 card checks its merge fields again. */
export const TEMPLATES_EVENT = 'pbdb:letter-templates';
interface Caret {
  part: TextPart;
  el: TextBox | null;
  start: number;
  end: number;
}

interface Props {
  campaignId: string;
  /** '' = every target. */
  variant: string;
  variantLabel: string;
  templates: LetterTemplate[];
  onChanged: () => void;
}

/**
 * One variant's letter: title, body, sign-off and the campaign's own fields, with merge-field buttons and a live
 * preview. What the clerk typed stays in the editor whatever the backend says; only a successful save or delete
 * moves the baseline the 未保存 tag compares against.
 */
export function TemplateEditor({ campaignId, variant, variantLabel, templates, onChanged }: Props) {
  const { message } = App.useApp();
  const start = startingPoint(templates, variant);
  const startKey = JSON.stringify(start.text);
  const [baseline, setBaseline] = useState(start.text);
  const [draft, setDraft] = useState<Draft>(() => toDraft(start.text));
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const caret = useRef<Caret>({ part: 'body', el: null, start: -1, end: -1 });
  const text = useMemo(() => toText(draft), [draft]);
  const dirty = !sameText(text, baseline);

  // An untouched editor follows what it would print with (the common template saved meanwhile, or a delete).
  const latest = useRef({ draft, baseline });
  latest.current = { draft, baseline };
  useEffect(() => {
    const next = JSON.parse(startKey) as TemplateText;
    if (sameText(toText(latest.current.draft), latest.current.baseline)) setDraft(toDraft(next));
    setBaseline(next);
  }, [startKey]);

  const track = (part: TextPart) => (e: SyntheticEvent<TextBox>) => {
    const el = e.currentTarget;
    caret.current = { part, el, start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  };
  const boxProps = (part: TextPart) => ({
    value: draft[part],
    onChange: (e: ChangeEvent<TextBox>) => {
      setDraft((d) => ({ ...d, [part]: e.target.value }));
      track(part)(e);
    },
    onSelect: track(part),
    onBlur: track(part),
    onFocus: track(part),
  });

  const insert = (field: string) => {
    const c = caret.current;
    const current = draft[c.part];
    const at = c.start < 0 ? current.length : c.start;
    const res = insertAt(current, at, c.start < 0 ? at : c.end, `{${field}}`);
    setDraft((d) => ({ ...d, [c.part]: res.text }));
    caret.current = { ...c, start: res.caret, end: res.caret };
    if (c.el) {
      const el = c.el;
      // After React has written the new value, or the caret would land at the end.
      setTimeout(() => {
        el.focus();
        el.setSelectionRange(res.caret, res.caret);
      });
    }
  };

  const save = async () => {
    const dup = duplicateNames(draft);
    if (dup.length) {
      setError(`自定义字段名重复：${dup.join('、')}`);
      return;
    }
    setBusy('save');
    setError(null);
    try {
      const saved = await api['letters.save']({ campaignId, variant, ...text });
      setBaseline({ title: saved.title, body: saved.body, signoff: saved.signoff, fields: saved.fields });
      setDraft(toDraft(saved));
      message.success(`已保存“${variantLabel}”的商函模板`);
      window.dispatchEvent(new Event(TEMPLATES_EVENT));
      onChanged();
    } catch (e) {
      setError(`保存失败：${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('remove');
    setError(null);
    try {
      await api['letters.remove']({ campaignId, variant });
      message.success(`已删除“${variantLabel}”的商函模板`);
      window.dispatchEvent(new Event(TEMPLATES_EVENT));
      onChanged();
    } catch (e) {
      setError(`删除失败：${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Row gutter={24}>
      <Col xs={24} xl={13}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <SourceNote variant={variant} own={start.own} common={start.common} />
            {dirty && <Tag color="orange">未保存</Tag>}
          </Space>
          <Input
            prefix={<Typography.Text type="secondary">标题</Typography.Text>}
            placeholder="可留空"
            maxLength={100}
            {...boxProps('title')}
            aria-label="标题"
            data-testid="letter-title"
          />
          <Typography.Text type="secondary">正文（每行一段；第一行为称呼）</Typography.Text>
          <Input.TextArea rows={12} maxLength={5000} showCount placeholder="正文" {...boxProps('body')} aria-label="正文" data-testid="letter-body" />
          <Typography.Text type="secondary">落款</Typography.Text>
          <Input.TextArea rows={2} maxLength={200} placeholder="落款（靠右打印）" {...boxProps('signoff')} aria-label="落款" data-testid="letter-signoff" />
          <MergeFieldBar custom={Object.keys(text.fields)} onInsert={insert} />
          <CustomFields rows={draft.rows} onChange={(rows) => setDraft((d) => ({ ...d, rows }))} />
          {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} data-testid="letter-save-error" />}
          <Space>
            <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save()} data-testid="letter-save">
              保存
            </Button>
            <Popconfirm
              title={`删除“${variantLabel}”的商函模板？`}
              description={variant ? '删除后本方案改用“全部目标”的通用模板' : undefined}
              okText="删除"
              cancelText="取消"
              onConfirm={() => void remove()}
              disabled={!start.own}
            >
              <Button danger icon={<DeleteOutlined />} loading={busy === 'remove'} disabled={!start.own}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      </Col>
      <Col xs={24} xl={11}>
        <LetterPreview campaignId={campaignId} variant={variant} text={text} />
      </Col>
    </Row>
  );
}

function SourceNote({ variant, own, common }: { variant: string; own: LetterTemplate | null; common: LetterTemplate | null }) {
  if (own) return <Typography.Text type="secondary">已保存（{formatDateTime(own.updatedAt)}）</Typography.Text>;
  if (variant && common)
    return (
      <Typography.Text type="warning">本方案还没有自己的模板，打印时使用“全部目标”的通用模板（下面是它的文字）；保存后本方案单独使用这份模板</Typography.Text>
    );
  if (variant) return <Typography.Text type="warning">本方案和“全部目标”都还没有模板，保存后才能生成信函</Typography.Text>;
  return <Typography.Text type="warning">还没有保存模板，下面是起始文字；保存后才能生成信函</Typography.Text>;
}
