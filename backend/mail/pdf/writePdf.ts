/**
 * Writes a mail PDF piece by piece into a file. PDFKit hands each finished page to its output stream, so memory
 * holds one page and the set of glyphs used; the loop yields every few pieces (progress, cancel) and waits when
 * the disk falls behind. A cancelled or failed run leaves no half-written file.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { EnvelopeSize, PdfKind } from '../../../shared/letter';
import { PDF_KINDS } from '../../../shared/letter';
import type { JobControl } from '../../services/jobs';
import { chineseFont, FONT_NAME } from './font';
import { drawEnvelope, drawLabel, drawLetter, type LabelSheet, type Piece, type Sender } from './layouts';

export interface PdfOptions {
  kind: PdfKind;
  envelope: EnvelopeSize;
  grid: LabelSheet;
  sender: Sender;
  title: string;
}

const YIELD_EVERY = 50;

type GlyphCheck = (codePoint: number) => boolean;

/**
 * The font's own coverage, from PDFKit's embedded fontkit font (not part of PDFKit's typed API, hence the
 * narrow cast): a rare character in a name (𠮷, 䶮 …) would print as a blank, so it is reported instead.
 */
function glyphCheck(doc: PDFKit.PDFDocument): GlyphCheck | null {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: GlyphCheck } } })._font?.font;
  return typeof font?.hasGlyphForCodePoint === 'function' ? (cp) => font.hasGlyphForCodePoint!(cp) : null;
}

function collectMissing(has: GlyphCheck, p: Piece, into: Set<string>): void {
  const text = p.name + p.address + (p.letter ? p.letter.title + p.letter.body + p.letter.signoff : '');
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7f && !/\s/u.test(ch) && !has(cp)) into.add(ch);
  }
}

export async function writePdf(
  out: string,
  opts: PdfOptions,
  total: number,
  pieceAt: (i: number) => Piece,
  ctl?: JobControl,
): Promise<{ pages: number; bytes: number; missingChars: string[] }> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: opts.title, Creator: '邮政数据库营销', Producer: '邮政数据库营销' } });
  doc.registerFont(FONT_NAME, chineseFont());
  const file = fs.createWriteStream(out);
  doc.pipe(file);
  let pages = 0;
  doc.on('pageAdded', () => pages++);
  const has = glyphCheck(doc.font(FONT_NAME));
  const missing = new Set<string>();
  try {
    for (let i = 0; i < total; i++) {
      const p = pieceAt(i);
      if (has) collectMissing(has, p, missing);
      if (opts.kind === 'letters') drawLetter(doc, p);
      else if (opts.kind === 'envelopes') drawEnvelope(doc, p, opts.envelope, opts.sender);
      else drawLabel(doc, p, opts.grid, i);
      if ((i + 1) % YIELD_EVERY === 0) {
        ctl?.progress(i + 1, total, `正在生成${PDF_KINDS[opts.kind]}`);
        if (ctl) await ctl.checkpoint();
        if (file.writableNeedDrain) await once(file, 'drain');
      }
    }
    ctl?.progress(total, total, '写入字体');
    doc.end();
    await finished(file);
  } catch (e) {
    doc.unpipe(file);
    // Writes already queued fail once the stream is destroyed; nothing of them is wanted.
    file.on('error', () => {});
    if (!file.closed) {
      // Not events.once: it would reject on the 'error' of those queued writes and skip the removal.
      const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
      file.destroy();
      await closed;
    }
    // Removed after the handle is closed: Windows refuses to delete an open file.
    fs.rmSync(out, { force: true });
    throw e;
  }
  return { pages, bytes: fs.statSync(out).size, missingChars: [...missing] };
}
