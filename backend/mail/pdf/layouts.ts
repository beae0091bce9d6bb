/**
 * How one piece is drawn: a letter on A4, a Chinese envelope (DL or C5), or one address label of an A4 sheet.
 *
 * The envelope follows the domestic layout (GB/T 1416): six postal-code boxes top left, the stamp or
 * postage-paid mark top right, the recipient's address and name in the middle, the sender with its postal code
 * bottom right. Every piece also carries its 流水号 in small print, so a returned piece is recorded by typing
 * or scanning that number.
 */
import { ENVELOPES, type EnvelopeSize } from '../../../shared/letter';
import { drawBarcode } from './barcode';
import { FONT_NAME, mm } from './font';

type Doc = PDFKit.PDFDocument;

export interface Piece {
  seq: number;
  /** What the barcode holds (pieceBarcode). */
  barcode: string;
  name: string;
  address: string;
  postalCode: string;
  /** Merged letter text (letters only). */
  letter?: { title: string; body: string; signoff: string };
}

export interface Sender {
  name: string;
  address: string;
  postalCode: string;
}

const GREY = '#666666';
const seqText = (seq: number) => `流水号 ${String(seq).padStart(6, '0')}`;

export const A4 = { width: mm(210), height: mm(297) };

/**
 * Paragraphs start two characters in, as Chinese letters do, except the greeting (尊敬的张先生：) and the closing
 * 敬礼, which stand at the margin; a line the clerk already indented keeps exactly that.
 */
function paragraphs(body: string): { text: string; indent: boolean }[] {
  return body.split(/\r?\n/).map((line) => {
    const text = line.replace(/^[ \u3000]+/u, '');
    const atMargin = text === '' || text !== line || /[：:]\s*$/u.test(text) || /^敬礼[！!]?$/u.test(text.trim());
    return { text: text !== line ? line : text, indent: !atMargin };
  });
}

export function drawLetter(doc: Doc, p: Piece): void {
  const margin = mm(25);
  const width = A4.width - 2 * margin;
  doc.addPage({ size: [A4.width, A4.height], margin });
  drawBarcode(doc, p.barcode, A4.width - margin - mm(32), mm(8), mm(32), mm(6));
  doc.font(FONT_NAME).fontSize(7).fillColor(GREY).text(seqText(p.seq), margin, mm(15), { width, align: 'right', lineBreak: false });
  doc.fillColor('black');
  let y = margin;
  const letter = p.letter!;
  if (letter.title.trim()) {
    doc.fontSize(18).text(letter.title, margin, y, { width, align: 'center' });
    y = doc.y + mm(6);
  }
  doc.fontSize(12);
  const em = doc.widthOfString('中');
  doc.x = margin;
  doc.y = y;
  for (const para of paragraphs(letter.body)) {
    // An empty line keeps the clerk's spacing; PDFKit would otherwise drop it.
    doc.text(para.text || ' ', { width, lineGap: 5, indent: para.indent ? 2 * em : 0, paragraphGap: 3 });
  }
  if (letter.signoff.trim()) {
    doc.moveDown(1.5);
    doc.text(letter.signoff, margin, doc.y, { width, align: 'right', lineGap: 4 });
  }
}

export function drawEnvelope(doc: Doc, p: Piece, size: EnvelopeSize, sender: Sender): void {
  const env = ENVELOPES[size];
  const W = mm(env.width);
  const H = mm(env.height);
  doc.addPage({ size: [W, H], margin: 0 });
  // Postal-code boxes: 8 × 10 mm, 2 mm apart, 20 mm from the left and 10 mm from the top edge.
  const boxW = mm(8);
  const boxH = mm(10);
  doc.lineWidth(0.8).strokeColor('#c00000');
  doc.font(FONT_NAME).fontSize(16).fillColor('black');
  for (let i = 0; i < 6; i++) {
    const x = mm(20) + i * (boxW + mm(2));
    doc.rect(x, mm(10), boxW, boxH).stroke();
    const digit = p.postalCode[i] ?? '';
    doc.text(digit, x, mm(10) + (boxH - 16) / 2 - 1, { width: boxW, align: 'center', lineBreak: false });
  }
  // Postage: the branch's bulk mail goes out postage paid (邮资已付); a stamp would go in the same place.
  doc
    .strokeColor('#c00000')
    .rect(W - mm(40), mm(10), mm(28), mm(20))
    .dash(3, { space: 2 })
    .stroke()
    .undash();
  doc
    .fontSize(9)
    .fillColor('#c00000')
    .text('邮资已付', W - mm(40), mm(17), { width: mm(28), align: 'center', lineBreak: false });
  doc.fillColor('black').strokeColor('black');
  const left = mm(30);
  const textW = W - left - mm(25);
  const addrTop = size === 'DL' ? mm(32) : mm(45);
  doc.fontSize(14).text(p.address, left, addrTop, { width: textW, lineGap: 3, height: mm(size === 'DL' ? 22 : 40), ellipsis: true });
  const nameTop = size === 'DL' ? mm(60) : mm(90);
  doc.fontSize(20).text(`${p.name}  收`, left, nameTop, { width: textW, align: 'center', height: mm(12), ellipsis: true });
  // Sender, bottom right.
  const sW = mm(95);
  const sX = W - sW - mm(12);
  const sY = H - mm(size === 'DL' ? 24 : 28);
  doc.fontSize(10).text([sender.address, sender.name].filter(Boolean).join('  '), sX, sY, { width: sW, align: 'right', height: mm(10), ellipsis: true });
  doc.text(`邮政编码：${sender.postalCode || '      '}`, sX, doc.y + 2, { width: sW, align: 'right', lineBreak: false });
  // Bottom left, clear of the sender block: 0.5 mm bars scan from a hand-held reader through a window of returns.
  drawBarcode(doc, p.barcode, mm(15), H - mm(19), mm(40), mm(8));
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text(seqText(p.seq), mm(15), H - mm(10), { width: mm(40), align: 'center', lineBreak: false });
  doc.fillColor('black');
}

export interface LabelSheet {
  cols: number;
  rows: number;
}

/** A4 label stock: 10 mm top/bottom and 7 mm side margins, labels edge to edge, as common 3×8 sheets are cut. */
export function labelBox(grid: LabelSheet, index: number): { x: number; y: number; w: number; h: number; newPage: boolean } {
  const perPage = grid.cols * grid.rows;
  const i = index % perPage;
  const w = (A4.width - 2 * mm(7)) / grid.cols;
  const h = (A4.height - 2 * mm(10)) / grid.rows;
  return { x: mm(7) + (i % grid.cols) * w, y: mm(10) + Math.floor(i / grid.cols) * h, w, h, newPage: i === 0 };
}

export function drawLabel(doc: Doc, p: Piece, grid: LabelSheet, index: number): void {
  const box = labelBox(grid, index);
  if (box.newPage) doc.addPage({ size: [A4.width, A4.height], margin: 0 });
  const pad = mm(4);
  const x = box.x + pad;
  const w = box.w - 2 * pad;
  // Fonts shrink with the label so a 4×12 sheet still holds code, address and name.
  const small = Math.max(6.5, Math.min(10, box.h / 9));
  const big = Math.max(8, Math.min(13, box.h / 7));
  doc.font(FONT_NAME).fillColor('black');
  doc.fontSize(big).text(p.postalCode, x, box.y + pad, { width: w, lineBreak: false, characterSpacing: 2 });
  // The barcode shares the postal code's line, at the right, when the label is wide enough to scan it (≥ 0.25 mm bars).
  const barW = Math.min(mm(26), w * 0.45);
  if (barW >= mm(20)) drawBarcode(doc, p.barcode, x + w - barW, box.y + pad, barW, Math.min(mm(6), big * 1.1));
  const addrTop = doc.y + 1;
  const nameTop = box.y + box.h - pad - big * 1.3;
  doc.fontSize(small).text(p.address, x, addrTop, { width: w, height: Math.max(small * 1.2, nameTop - addrTop - 1), ellipsis: true });
  doc.fontSize(big).text(`${p.name} 收`, x, nameTop, { width: w - small * 4, lineBreak: false, height: big * 1.3, ellipsis: true });
  doc
    .fontSize(Math.max(5, small - 2.5))
    .fillColor(GREY)
    .text(String(p.seq), x + w - small * 4, nameTop + big * 0.35, { width: small * 4, align: 'right', lineBreak: false });
  doc.fillColor('black');
}
