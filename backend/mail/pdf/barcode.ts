/**
 * The piece's barcode (pieceBarcode: 流水号 + the campaign's check digits; ten digits, which Code 128 set C packs
 * two to a symbol) so the clerk sorting returned mail scans it instead of typing: a USB scanner types the digits
 * and Enter into the 退信 box. bwip-js encodes
 * (widths of bars and spaces); the bars are drawn as PDF rectangles, sharp at any printer resolution.
 */
import bwipjs from 'bwip-js/node';

type Doc = PDFKit.PDFDocument;

const cache = new Map<string, number[]>();

function widths(text: string): number[] {
  let sbs = cache.get(text);
  if (!sbs) {
    const enc = bwipjs.raw({ bcid: 'code128', text })[0];
    if (!enc || !('sbs' in enc)) throw new Error(`无法生成条码：${text}`);
    const bars: number[] = enc.sbs;
    sbs = bars;
    // Pieces are numbered once; the cache only spares re-encoding when the same batch is drawn twice.
    if (cache.size > 1000) cache.clear();
    cache.set(text, sbs);
  }
  return sbs;
}

/** Draws the barcode in the box; bars alternate with spaces, starting with a bar. */
export function drawBarcode(doc: Doc, text: string, x: number, y: number, width: number, height: number): void {
  const sbs = widths(text);
  const modules = sbs.reduce((a, b) => a + b, 0);
  const unit = width / modules;
  let at = x;
  doc.save().fillColor('black');
  for (let i = 0; i < sbs.length; i++) {
    const w = sbs[i]! * unit;
    if (i % 2 === 0) doc.rect(at, y, w, height);
    at += w;
  }
  doc.fill().restore();
}
