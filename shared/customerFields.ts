/**
 * The customer's editable fields, declared once. Each entry names the field's column, its one Chinese label
 * (form, history, audit, sync conflicts, the customer workbook's header), its zod piece, how it is stored and
 * read back, the kind of form input, and — when it is a column of the customer workbook — the other headers the
 * import accepts. Everything else is derived here: the zod object (full for create, partial for update), the
 * types, row ↔ fields, the column labels, the workbook columns. A new field is one entry here plus a migration.
 *
 * The order is the workbook's (export columns, import mapping list).
 */
import { z } from 'zod';
import { CHANNELS } from './campaign';
import { parseIdNumber } from './idNumber';
import { customerName, entityId, idNumber, noContact, optText, parseNoContact, phone } from './schemas';

/** A value as sql.js stores it. */
export type Stored = string | number | null;

/**
 * How the form holds the field: `text` is a free-text box ('' there, null stored); `name` the required name;
 * `choice` a select (stored as chosen); `list` a multi-select or tags; `flag` a switch; `number` a number box.
 */
export type FieldInput = 'text' | 'name' | 'choice' | 'list' | 'flag' | 'number';

export interface FieldSpec<S extends z.ZodType = z.ZodType, I extends FieldInput = FieldInput> {
  /** Column of the customers table. */
  column: string;
  /** The one Chinese name of the field. */
  label: string;
  /** Validates and normalises what a caller sends; a `.default()` is what a new record takes when it is left out. */
  schema: S;
  input: I;
  /** The stored form (identity when absent). */
  store?: (v: Exclude<z.output<S>, undefined>) => Stored;
  /** Back from the stored form (identity when absent). */
  load?: (raw: Stored) => z.output<S>;
  /** Further columns the field's value decides (birth date and sex from the ID number). */
  derived?: { columns: readonly string[]; of: (v: Exclude<z.output<S>, undefined>) => Stored[] };
  /** A column of the customer workbook under `label`; `aliases` are the other headers the import recognises. */
  file?: { key?: string; aliases: readonly string[]; cell?: (v: z.output<S>) => string | number | null };
}

const field = <S extends z.ZodType, const I extends FieldInput>(spec: FieldSpec<S, I>) => spec;
const json = (v: unknown): string => JSON.stringify(v);

export const CUSTOMER_FIELD_SPECS = {
  name: field({
    column: 'name',
    label: '姓名',
    schema: customerName,
    input: 'name',
    file: { aliases: ['姓名', '户主姓名', '户主', '客户姓名', '客户名称', '名称', '单位名称', '联系人'] },
  }),
  kind: field({
    column: 'kind',
    label: '类型',
    schema: z.enum(['person', 'org'], { error: '客户类型应为个人或单位' }).default('person'),
    input: 'choice',
    load: (raw) => raw as 'person' | 'org',
    file: { aliases: ['类型', '客户类型', '个人/单位'], cell: (v) => (v === 'org' ? '单位' : '个人') },
  }),
  idNumber: field({
    column: 'id_number',
    label: '身份证号',
    schema: idNumber,
    input: 'text',
    load: (raw) => raw as string | null,
    derived: {
      columns: ['birth_date', 'sex'],
      of: (v) => {
        const id = v ? parseIdNumber(v) : null;
        return [id?.ok ? id.birthDate : null, id?.ok ? id.sex : null];
      },
    },
    file: { aliases: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', '公民身份号码'] },
  }),
  phone: field({
    column: 'phone',
    label: '手机',
    schema: phone('电话'),
    input: 'text',
    load: (raw) => raw as string | null,
    file: { aliases: ['手机', '电话', '手机号', '手机号码', '联系电话', '联系方式', '电话号码', '移动电话'] },
  }),
  landline: field({
    column: 'landline',
    label: '座机',
    schema: phone('座机'),
    input: 'text',
    load: (raw) => raw as string | null,
    file: { aliases: ['座机', '固定电话', '固话', '家庭电话'] },
  }),
  villageId: field({
    column: 'village_id',
    label: '行政村',
    schema: entityId.nullish().transform((v) => v ?? null),
    input: 'choice',
    load: (raw) => raw as string | null,
    // The workbook carries the village's name, which the import resolves (backend/import/villageResolver.ts).
    file: { key: 'village', aliases: ['行政村', '村', '所属村', '村名', '村委会', '所属行政村', '村/社区', '行政村/城市单元', '社区', '村居'] },
  }),
  groupName: field({
    column: 'group_name',
    label: '自然村/组',
    schema: optText(50, '自然村/组'),
    input: 'text',
    file: { aliases: ['自然村/组', '自然村', '组', '村民小组', '小组'] },
  }),
  address: field({
    column: 'address',
    label: '地址',
    schema: optText(200, '地址'),
    input: 'text',
    file: { aliases: ['地址', '住址', '家庭住址', '详细地址', '联系地址', '通讯地址'] },
  }),
  householdType: field({
    column: 'household_type',
    label: '户类型',
    schema: optText(20, '户类型'),
    input: 'text',
    file: { aliases: ['户类型', '六大户', '户别', '大户类型'] },
  }),
  tags: field({
    column: 'tags',
    label: '标签',
    schema: z.array(z.string().trim().min(1).max(20)).max(30, { error: '标签最多 30 个' }).default([]),
    input: 'list',
    store: (v) => json([...new Set(v)]),
    load: (raw) => JSON.parse(String(raw)) as string[],
    file: { aliases: ['标签', '目标群体', '群体标签'], cell: (v) => v.join('、') },
  }),
  incomeBand: field({
    column: 'income_band',
    label: '收入档次',
    schema: optText(20, '收入档次'),
    input: 'text',
    file: { aliases: ['收入档次', '收入', '年收入', '经济实力', '收入水平'] },
  }),
  consent: field({
    column: 'consent',
    label: '营销授权',
    schema: z.boolean().default(false),
    input: 'flag',
    store: (v) => (v ? 1 : 0),
    load: (raw) => raw === 1,
    file: { aliases: ['营销授权', '授权', '是否授权', '同意营销', '是否同意营销'], cell: (v) => (v ? '是' : '否') },
  }),
  noContact: field({
    column: 'no_contact',
    label: '拒绝接触渠道',
    // Absent (undefined) means "keep what is stored", for create as for update (see shared/schemas.ts).
    schema: noContact,
    input: 'list',
    store: (v) => json(v),
    load: (raw) => parseNoContact(raw as string | null),
    file: { aliases: ['拒绝接触渠道', '拒绝接触', '不接受渠道', '勿扰渠道', '免打扰渠道'], cell: (v) => (v ?? []).map((c) => CHANNELS[c]).join('、') },
  }),
  source: field({ column: 'source', label: '来源', schema: optText(50, '来源'), input: 'text', file: { aliases: ['来源', '数据来源', '信息来源'] } }),
  influence: field({
    column: 'influence',
    label: '影响力',
    schema: z
      .number({ error: '影响力应为数字' })
      .int({ error: '影响力应为整数' })
      .min(0, { error: '影响力不能为负' })
      .max(100_000, { error: '影响力过大' })
      .nullish()
      .transform((v) => v ?? null),
    input: 'number',
    load: (raw) => (raw === null ? null : Number(raw)),
    file: { aliases: ['影响力'] },
  }),
  referrer: field({ column: 'referrer', label: '推荐人', schema: optText(50, '推荐人'), input: 'text', file: { aliases: ['推荐人', '介绍人'] } }),
  interests: field({
    column: 'interests',
    label: '兴趣爱好',
    schema: optText(200, '兴趣爱好'),
    input: 'text',
    file: { aliases: ['兴趣爱好', '兴趣', '爱好'] },
  }),
  notes: field({ column: 'notes', label: '备注', schema: optText(1000, '备注'), input: 'text', file: { aliases: ['备注', '说明'] } }),
  // Not a workbook column: an import records its own source of consent.
  consentSource: field({ column: 'consent_source', label: '授权来源', schema: optText(50, '授权来源'), input: 'text' }),
};

type Specs = typeof CUSTOMER_FIELD_SPECS;
export type CustomerFieldKey = keyof Specs;
export const CUSTOMER_FIELD_KEYS = Object.keys(CUSTOMER_FIELD_SPECS) as CustomerFieldKey[];
const specOf = (k: CustomerFieldKey): FieldSpec => CUSTOMER_FIELD_SPECS[k] as unknown as FieldSpec;

type FullShape = { [K in CustomerFieldKey]: Specs[K]['schema'] };
type PatchShape = { [K in CustomerFieldKey]: z.ZodOptional<Specs[K]['schema'] extends z.ZodDefault<infer T> ? T : Specs[K]['schema']> };

const mapSpecs = <T>(f: (s: FieldSpec, k: CustomerFieldKey) => T): Record<CustomerFieldKey, T> =>
  Object.fromEntries(CUSTOMER_FIELD_KEYS.map((k) => [k, f(specOf(k), k)])) as Record<CustomerFieldKey, T>;

/** A whole customer as created: fields left out take their defaults (or null). */
export const customerFields = z.object(mapSpecs((s) => s.schema) as unknown as FullShape);
/**
 * An edit: only the fields sent are checked and changed; a field left out keeps its stored value (no defaults,
 * so an edit of the name never resets the tags). Sending null clears an optional field.
 */
export const customerPatch = z.object(
  mapSpecs((s) => (s.schema instanceof z.ZodDefault ? (s.schema.unwrap() as z.ZodType) : s.schema).optional()) as unknown as PatchShape,
);

export type CustomerFieldsInput = z.input<typeof customerFields>;
export type CustomerFields = z.output<typeof customerFields>;
export type CustomerPatchInput = z.input<typeof customerPatch>;
export type CustomerPatch = z.output<typeof customerPatch>;

/** Field → column. */
export const CUSTOMER_FIELD_COLUMNS = mapSpecs((s) => s.column);
/** Field → its Chinese label. */
export const CUSTOMER_FIELD_LABELS = mapSpecs((s) => s.label);
/** The form input of each field (the renderer converts by input kind, never field by field). */
export const CUSTOMER_FIELD_INPUTS = mapSpecs((s) => s.input) as { [K in CustomerFieldKey]: Specs[K]['input'] };

/** Every column a field writes (its own and those it decides), for "which columns did a row carry". */
export function columnsOfField(k: CustomerFieldKey): string[] {
  const s = specOf(k);
  return [s.column, ...(s.derived?.columns ?? [])];
}

/**
 * Column values from validated fields; a field that is absent (left out of an edit, or noContact not sent) is
 * left out, so the stored value stays.
 */
export function customerColumns(f: Partial<CustomerFields>): Record<string, Stored> {
  const out: Record<string, Stored> = {};
  for (const k of CUSTOMER_FIELD_KEYS) {
    const v = f[k];
    if (v === undefined) continue;
    const s = specOf(k);
    out[s.column] = s.store ? s.store(v) : (v as Stored);
    if (s.derived) {
      const values = s.derived.of(v);
      s.derived.columns.forEach((c, i) => (out[c] = values[i] ?? null));
    }
  }
  return out;
}

/** The fields of a stored row (`SELECT * FROM customers`). */
export function customerFieldsOfRow(row: Readonly<Record<string, unknown>>): CustomerFields {
  return mapSpecs((s) => {
    const raw = (row[s.column] ?? null) as Stored;
    return s.load ? s.load(raw) : raw;
  }) as unknown as CustomerFields;
}

/** The customer workbook's columns that are fields, in order: the import key, the header, the other headers. */
export const CUSTOMER_FILE_FIELDS = CUSTOMER_FIELD_KEYS.flatMap((k) => {
  const s = specOf(k);
  return s.file ? [{ field: k, key: s.file.key ?? k, label: s.label, aliases: s.file.aliases }] : [];
});

/** One workbook cell of a field's value as stored in `row`. */
export function customerFileCell(k: CustomerFieldKey, row: Readonly<Record<string, unknown>>): string | number | null {
  const s = specOf(k);
  const raw = (row[s.column] ?? null) as Stored;
  const v = s.load ? s.load(raw) : raw;
  return s.file?.cell ? s.file.cell(v) : (v as string | number | null);
}
