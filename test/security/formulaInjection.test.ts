/**
 * Finding 4: formula injection. The SMS and call lists and the reports' CSV wrote names, notes, campaign
 * names and SMS texts that start with = + - @ as they were, so a list opened in Excel or WPS ran
 * =HYPERLINK(…). Every text cell of every CSV must now be neutralised (a leading '), real numbers must stay
 * numbers, and the workbooks must keep such text as text cells, never formulas.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvCell, csvText, formattedNumber } from '../../shared/csv';
import { Backend } from '../../backend/host/backend';
import type { FileDownload } from '../../shared/domain';
import { idCheckDigit } from '../../shared/idNumber';
import { call } from '../helpers/backend';
import { xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { unzip } from '../helpers/zip';

const NOW = new Date(2026, 10, 23, 10);
const ADMIN = { actor: 'root', role: 'admin' as const };
const HYPERLINK = '=HYPERLINK("http://x","y")';
const SUM = '@SUM(A1)';
/** Born 25 November: a birthday two days after NOW, so the customer is on the birthday list. */
const idBornNov25 = (seq: string) => {
  const first17 = `37140219851125${seq}`;
  return first17 + idCheckDigit(first17);
};

/** RFC 4180 reader, strict enough to notice a cell that was not quoted when it had to be. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a quoted cell at ${i}`);
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted cell at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < text.length) throw new Error(`line break that is not CRLF at ${i}`);
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const csvOf = (dl: { dataBase64: string }) => parseCsv(Buffer.from(dl.dataBase64, 'base64').toString('utf8'));
/** A cell a spreadsheet would run: starts with a formula trigger. */
const dangerous = (cell: string) => /^[=+\-@\t\r]/.test(cell);

async function branch() {
  const b = await Backend.open({ dir: tmpDir('formula-'), create: true, now: () => NOW });
  const village = await call(b, 'villages.create', { name: '东风村', postalCode: '253001' });
  const add = (fields: Record<string, unknown>) => call(b, 'customers.create', { consent: true, villageId: village.id, ...fields } as never);
  const link = await add({
    name: HYPERLINK,
    idNumber: idBornNov25('123'),
    phone: '13800000001',
    address: SUM,
    groupName: '3组',
    notes: '-2+3+cmd|"/C calc"!A0',
  });
  const sum = await add({ name: SUM, phone: '13800000002', address: '+中心街1号', groupName: '1组' });
  const plain = await add({ name: '张伟', phone: '13800000003', address: '中心街2号', groupName: '2组' });
  const carrier = await call(b, 'users.create', { login: 'carrier1', displayName: SUM, role: 'carrier', password: 'Carrier-pass-2026' }, ADMIN);
  const campaign = await call(b, 'campaigns.create', {
    name: HYPERLINK,
    products: ['报刊'],
    channels: ['letter', 'sms', 'phone', 'door'],
    startDate: '2026-11-01',
    script: '+8613800000000 回电',
  });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  const second = await call(b, 'campaigns.create', { name: SUM, channels: ['door'], startDate: '2026-11-01' });
  await call(b, 'campaigns.freeze', { id: second.id, filter: {} });
  const targets = b.db.read((r) => r.all<{ id: string }>('SELECT id FROM campaign_targets WHERE campaign_id = ?', [campaign.id])).map((t) => t.id);
  await call(b, 'dispatch.targets', { id: campaign.id, targetIds: targets, carrierId: carrier.id });
  await call(b, 'visits.record', { id: '6f1c2b0e-8d7a-4c1e-9b2a-3e4f5a6b7c8d', targetId: targets[0]!, outcome: 'refused', note: HYPERLINK } as never);
  // Priced with no revenue: a return on investment of −100 %, a real negative number that must stay one.
  await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 120, smsFen: 10, phoneFen: 0, fixedFen: 5000 }, ADMIN);
  return { b, link, sum, plain, campaign };
}

describe('CSV cells are neutralised (OWASP) and quoted (RFC 4180)', () => {
  it('the one helper: text with a trigger gets a leading quote, numbers stay numbers', () => {
    expect(csvCell(HYPERLINK)).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(SUM)).toBe(`'@SUM(A1)`);
    expect(csvCell('+8613800000000')).toBe(`'+8613800000000`);
    expect(csvCell('-12.5')).toBe(`'-12.5`);
    expect(csvCell('\t=1')).toBe(`'\t=1`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('13800000001')).toBe('13800000001');
    expect(csvCell('张伟')).toBe('张伟');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(formattedNumber(-100, 1, '%'))).toBe('-100.0%');
    expect(csvCell(formattedNumber(-1234.5, 2))).toBe('-1234.50');
    expect(csvText([['a', 1]])).toBe('\uFEFFa,1\r\n');
  });

  it('SMS and call lists: names, the text and the script cannot run', async () => {
    const { b, campaign } = await branch();
    const sms = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '=1+2 报刊征订' });
    const smsRows = csvOf(sms);
    expect(smsRows[0]).toEqual(['手机号', '姓名', '短信内容', '字数', '条数']);
    const body = smsRows.slice(1);
    expect(body).toHaveLength(3);
    for (const r of body) for (const cell of r) expect(dangerous(cell)).toBe(false);
    expect(body.map((r) => r[1])).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${SUM}`, '张伟']));
    expect(body[0]![2]).toBe("'=1+2 报刊征订");
    // Counts are numbers, written as numbers.
    for (const r of body) expect(r.slice(3)).toEqual([expect.stringMatching(/^\d+$/), '1']);

    const calls = csvOf(await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'phone' }));
    for (const r of calls.slice(1)) for (const cell of r) expect(dangerous(cell)).toBe(false);
    expect(calls[1]![4]).toBe("'+8613800000000 回电");
    await b.close();
  });

  it('reports CSV: campaign and carrier names cannot run; a negative rate stays a number', async () => {
    const { b } = await branch();
    const campaign = csvOf(await call(b, 'reports.csv', { name: 'campaign', table: 0 }));
    const names = campaign.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${SUM}`]));
    for (const r of campaign) for (const cell of r) if (!/^-\d+(\.\d+)?%?$/.test(cell)) expect(dangerous(cell)).toBe(false);
    const roi = campaign[0]!.indexOf('投资回报率');
    expect(campaign.find((r) => r[0] === `'${HYPERLINK}`)![roi]).toBe('-100.0%');

    const carriers = csvOf(await call(b, 'reports.csv', { name: 'carriers', table: 0 }));
    expect(carriers.slice(1).map((r) => r[0])).toContain(`'${SUM}`);
    for (const r of carriers) for (const cell of r) if (!/^-\d+(\.\d+)?%?$/.test(cell)) expect(dangerous(cell)).toBe(false);
    await b.close();
  });
});

/** Every formula in a workbook: <f> elements in its sheets, and cells SheetJS reads back with .f. */
function payloadCells(base64: string): { sheet: string; address: string; type: string; value: unknown }[] {
  const buf = Buffer.from(base64, 'base64');
  for (const [name, xml] of unzip(buf)) if (name.startsWith('xl/worksheets/')) expect(xml.toString('utf8'), name).not.toMatch(/<(\w+:)?f[\s>/]/);
  const wb = XLSX.read(buf, { type: 'buffer', cellFormula: true });
  const found: { sheet: string; address: string; type: string; value: unknown }[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet]!;
    for (const [address, cell] of Object.entries(ws)) {
      if (address.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      expect(c.f, `${sheet}!${address}`).toBeUndefined();
      if (typeof c.v === 'string' && (c.v.includes('HYPERLINK') || c.v.includes('@SUM'))) found.push({ sheet, address, type: c.t, value: c.v });
    }
  }
  return found;
}

describe('workbooks keep such text as text cells, through every export', () => {
  it('customers, access request, import error report, birthdays, reports, mailing list', async () => {
    const { b, link } = await branch();
    const exports: [string, FileDownload | { dataBase64: string }][] = [];
    exports.push(['customers.export', await call(b, 'customers.export', {}, ADMIN)]);
    exports.push(['customers.accessExport', await call(b, 'customers.accessExport', { id: link.id }, ADMIN)]);
    exports.push(['customers.birthdaysExport', await call(b, 'customers.birthdaysExport', { days: 7 }, ADMIN)]);

    const file = xlsxOf([
      ['姓名', '电话', '住址'],
      [HYPERLINK, '12345', SUM],
      [SUM, '13800000009', HYPERLINK],
    ]);
    const { jobId } = await call(b, 'customers.importStart', { fileName: '名单.xlsx', dataBase64: file.toString('base64') });
    for (;;) {
      const s = await call(b, 'jobs.get', { id: jobId });
      if (s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    exports.push(['customers.importErrorReport', await call(b, 'customers.importErrorReport', { jobId })]);

    const report = await call(b, 'reports.exportStart', { names: ['campaign', 'carriers', 'overdue'] });
    for (;;) {
      const s = await call(b, 'jobs.get', { id: report.jobId });
      if (s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    exports.push(['reports.exportResult', await call(b, 'reports.exportResult', { jobId: report.jobId })]);
    const campaignId = b.db.read((r) => r.value<string>('SELECT id FROM campaigns WHERE name = ?', [HYPERLINK]))!;
    exports.push(['mail.list', await call(b, 'mail.list', { campaignId })]);

    for (const [op, dl] of exports) {
      const cells = payloadCells(dl.dataBase64);
      expect(cells.length, `${op} carries the names`).toBeGreaterThan(0);
      for (const c of cells) expect({ op, ...c }).toMatchObject({ op, type: 's' });
      expect(cells.map((c) => c.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^(=HYPERLINK\("http:\/\/x","y"\)|@SUM\(A1\))$/)]));
    }
    await b.close();
  });
});
