/**
 * `mail pdf --db PATH --campaign ID --kind letters|envelopes|labels --out FILE.pdf [--size DL|C5] [--grid 3x8]
 * [--sender 寄件地址]`: the same job as the 商函 tab's PDF buttons, progress on stderr, the file read in chunks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { emptyFieldsText, ENVELOPES, PDF_KINDS, type PdfResult } from '../../../shared/letter';
import { optionalString, parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';
import { awaitJob } from './transfer';

export async function mailPdfCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, {
    db: 'string',
    'key-file': 'string',
    campaign: 'string',
    kind: 'string',
    out: 'string',
    size: 'string',
    grid: 'string',
    sender: 'string',
    json: 'boolean',
    progress: 'boolean',
  });
  const campaignId = requireString(flags, 'campaign');
  const kind = requireString(flags, 'kind');
  if (!(kind in PDF_KINDS)) throw new UsageError(`--kind 应为 letters（信函）、envelopes（信封）或 labels（地址标签），收到：${kind}`);
  const file = requireString(flags, 'out');
  const size = optionalString(flags, 'size')?.toUpperCase() ?? 'DL';
  if (!(size in ENVELOPES)) throw new UsageError(`--size 应为 DL 或 C5，收到：${size}`);
  const grid = optionalString(flags, 'grid') ?? '3x8';
  const g = /^(\d+)[x×*](\d+)$/i.exec(grid);
  if (!g) throw new UsageError(`--grid 应写成 列x行，如 3x8，收到：${grid}`);
  const sender = optionalString(flags, 'sender');
  const res = await withBackend(dbTarget(flags), false, async (b) => {
    const { jobId } = await callOp<{ jobId: string }>(b, 'letters.pdfStart', {
      campaignId,
      kind,
      envelope: size,
      cols: Number(g[1]),
      rows: Number(g[2]),
      ...(sender !== undefined ? { sender } : {}),
    });
    let shown = -1;
    await awaitJob(b, jobId, (s) => {
      if (!flags['progress'] || s.done === shown) return;
      shown = s.done;
      process.stderr.write(`${s.phase} ${s.done}/${s.total}\n`);
    });
    const r = await callOp<PdfResult>(b, 'letters.pdfResult', { jobId });
    await copyOut(b, r.fileId, file);
    return r;
  });
  if (flags['json']) {
    out(
      JSON.stringify({
        file,
        pieces: res.pieces,
        pages: res.pages,
        bytes: res.bytes,
        excluded: res.excluded,
        missingChars: res.missingChars,
        emptyFields: res.emptyFields,
      }),
    );
    return;
  }
  if (res.missingChars.length) out(`注意：字体中没有这些字，打印出来是空白，请手工补写：${res.missingChars.join(' ')}`);
  if (res.emptyFields.length) out(`注意：有合并字段是空的，这些信中的句子会缺字：${emptyFieldsText(res.emptyFields)}`);
  out(
    `已写入 ${file}：${PDF_KINDS[kind as keyof typeof PDF_KINDS]} ${res.pieces} 件，${res.pages} 页` +
      (res.excluded ? `；${res.excluded} 户未列入（地址、邮编问题或客户要求不寄商函，见 mail list 的“未列入”表）` : ''),
  );
}

async function copyOut(b: Parameters<typeof callOp>[0], fileId: string, file: string): Promise<void> {
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = fs.openSync(file, 'w');
  } catch (e) {
    throw new AppError('STORAGE', `无法写入 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  try {
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk: { dataBase64: string; next: number | null } = await callOp(b, 'files.read', { fileId, offset });
      fs.writeSync(fd, Buffer.from(chunk.dataBase64, 'base64'));
      offset = chunk.next;
    }
  } finally {
    fs.closeSync(fd);
  }
}
