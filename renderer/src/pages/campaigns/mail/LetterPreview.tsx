import { Alert, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { emptyFieldsText, fieldsIn, type EmptyField, type LetterPreview as Preview, type TemplateText } from '../../../../../shared/letter';
import { api } from '../../../api';
import { errorText } from '../../../lib/errors';

/** Long enough that typing a sentence costs one call, short enough to feel live. */
const DEBOUNCE_MS = 400;

/**
 * The text being edited, merged by the backend for a real customer — the first of this variant on the mailing
 * list, or the one whose code is typed in — and laid out like the printed letter. A failed merge (an unknown
 * field, a customer left off the list) is shown in place; the editor's text is never touched.
 */
export function LetterPreview({ campaignId, variant, text }: { campaignId: string; variant: string; text: TemplateText }) {
  const [code, setCode] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  // The customer found as "first on the list", asked for by code afterwards: finding the first means building the
  // whole mailing list, which for a large campaign is seconds of the backend's time on every pause in typing.
  const first = useRef<{ list: string; customerId: string } | null>(null);
  const key = JSON.stringify(text);
  const empty = useEmptyFields(campaignId, variant, text);

  useEffect(() => {
    const gen = ++generation.current;
    const list = `${campaignId}\u0001${variant}`;
    setLoading(true);
    const timer = setTimeout(() => {
      const template = JSON.parse(key) as TemplateText;
      const ask = (customerCode: string | undefined) => api['letters.preview']({ campaignId, variant, template, ...(customerCode ? { customerCode } : {}) });
      const known = !code && first.current?.list === list ? first.current.customerId : undefined;
      // A remembered customer may have left the list since (address flagged …): then find the first again.
      const answer = known ? ask(known).catch(() => ask(undefined)) : ask(code || undefined);
      answer.then(
        (p) => {
          if (gen !== generation.current) return;
          if (!code) first.current = { list, customerId: p.customerId };
          setPreview(p);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          setError(errorText(e));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [campaignId, variant, key, code]);

  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>预览</Typography.Text>
        <Input.Search
          style={{ width: 280 }}
          allowClear
          size="small"
          placeholder="客户编号（如 KM-00127X）或姓名，留空为第一位"
          onSearch={(v) => setCode(v.trim())}
          aria-label="预览客户编号"
          data-testid="letter-preview-code"
        />
        {loading && <Spin size="small" />}
      </Space>
      {error && <Alert type="warning" showIcon title={`预览失败：${error}`} data-testid="letter-preview-error" />}
      {empty && empty.fields.length > 0 && <EmptyFieldsAlert fields={empty.fields} letters={empty.letters} />}
      {preview && !error && <LetterPaper preview={preview} />}
    </Space>
  );
}

/** The fields that would print empty, and in how many letters: said before anything is printed. */
export function EmptyFieldsAlert({ fields, letters, testId = 'letter-empty-fields' }: { fields: EmptyField[]; letters: number; testId?: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={`有合并字段是空的：${emptyFieldsText(fields)}（共 ${letters} 封）`}
      description="这些信中字段所在的句子会缺字，例如“……可享受。”。请给自定义字段填上内容、补全方案的优惠或客户资料，或改写句子后再生成信函。"
    />
  );
}

/**
 * Asks the backend which fields would merge to nothing across the whole mailing (seconds for a large one): only
 * when the fields the template uses, or the custom fields' values, change — not on every keystroke of the text.
 */
function useEmptyFields(campaignId: string, variant: string, text: TemplateText): { fields: EmptyField[]; letters: number } | null {
  const [state, setState] = useState<{ fields: EmptyField[]; letters: number } | null>(null);
  const used = fieldsIn(`${text.title}\n${text.body}\n${text.signoff}`).sort();
  const checkKey = JSON.stringify([used, used.map((f) => text.fields[f] ?? null)]);
  const latest = useRef(text);
  latest.current = text;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api['letters.mergeCheck']({ campaignId, variant, template: latest.current }).then(
        (r) => live && setState({ fields: r.emptyFields, letters: r.letters }),
        // An unknown field or the like: the preview says what is wrong.
        () => live && setState(null),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [campaignId, variant, checkKey]);
  return state;
}

function LetterPaper({ preview }: { preview: Preview }) {
  const lines = preview.body.split('\n');
  return (
    <div data-testid="letter-preview">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        收件人：{preview.name}（{preview.salutation}）{preview.code ? ` ${preview.code}` : ''} {preview.postalCode} {preview.address}
        {preview.variant ? ` · 方案 ${preview.variant}` : ''} · 流水号 {preview.seq ?? '尚未编号'}
      </Typography.Text>
      <div
        style={{
          marginTop: 8,
          padding: '28px 32px',
          background: '#fff',
          border: '1px solid #e5e5e5',
          boxShadow: '0 1px 4px rgba(0,0,0,0.08)',
          minHeight: 360,
          lineHeight: 1.9,
          fontSize: 15,
          color: '#222',
        }}
      >
        {preview.title && <div style={{ textAlign: 'center', fontSize: 18, fontWeight: 600, marginBottom: 16 }}>{preview.title}</div>}
        <div data-testid="letter-preview-body">
          {lines.map((line, i) => (
            // The first line is the greeting (尊敬的张先生：), flush left; paragraphs after it are indented two characters.
            <p key={i} style={{ margin: 0, textIndent: i === 0 ? 0 : '2em', minHeight: '1.9em' }}>
              {line}
            </p>
          ))}
        </div>
        {preview.signoff && (
          <div style={{ marginTop: 24, textAlign: 'right' }} data-testid="letter-preview-signoff">
            {preview.signoff.split('\n').map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
