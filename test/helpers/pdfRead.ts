/**
 * Reads the mail PDFs back as a print shop would — their text, their page sizes, the barcodes on a page — with
 * npm packages only, so the tests need Node and npm and no system tools (poppler, zbar):
 * - pdfjs-dist (legacy build, the one meant for Node) parses the file, gives each page's text and size, and
 *   renders a page. The barcode is drawn as vector rectangles (backend/mail/pdf/barcode.ts), so there is no
 *   embedded image to pick out: the page has to be rasterised, and pdfjs does that on @napi-rs/canvas (Skia; npm
 *   picks the prebuilt binary for the platform from its optional dependencies — no install script, no compiler),
 *   the canvas pdfjs itself uses in Node.
 * - zxing-wasm (ZXing-C++ compiled to WebAssembly) decodes the barcodes from those pixels, as a scanner does.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
const PT_PER_MM = 72 / 25.4;

async function open(file: string): Promise<PDFDocumentProxy> {
  const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    // The fonts are embedded; these folders only spare pdfjs warnings should a PDF name a standard font.
    standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
    cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function withPdf<T>(file: string, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await open(file);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}

/**
 * pdfjs reports letter-spaced text (PDF character spacing, which the labels use for the postal code) with a space
 * between every two glyphs, "2 5 3 5 0 1"; poppler, like a reader, sees one word. Within one piece of text a
 * space after every single glyph can only be that, so it is taken out again.
 */
const unspace = (s: string) => (/^\S( \S)+$/u.test(s) ? s.replaceAll(' ', '') : s);

/**
 * Each page's text as lines, top to bottom, the pieces of a line left to right — what pdftotext prints.
 * Pieces on one baseline form a line; a gap wider than a third of the font size between two pieces becomes a
 * space (the postal-code digits stand in separate boxes and come out as "2 5 3 5 0 1", as with pdftotext).
 */
export async function pdfPages(file: string): Promise<string[]> {
  return withPdf(file, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const items = content.items
        .filter((i): i is TextItem => 'str' in i && i.str !== '')
        .map((i) => ({
          str: unspace(i.str),
          x: i.transform[4] as number,
          y: i.transform[5] as number,
          width: i.width,
          size: Math.hypot(i.transform[2] as number, i.transform[3] as number) || i.height,
        }));
      // PDF y grows upwards: the top line has the largest baseline.
      items.sort((a, b) => b.y - a.y || a.x - b.x);
      const lines: (typeof items)[] = [];
      for (const item of items) {
        const line = lines.at(-1);
        if (line && Math.abs(line[0]!.y - item.y) < Math.min(line[0]!.size, item.size) / 2) line.push(item);
        else lines.push([item]);
      }
      pages.push(
        lines
          .map((line) => {
            line.sort((a, b) => a.x - b.x);
            return line.map((it, k) => (k > 0 && it.x - (line[k - 1]!.x + line[k - 1]!.width) > it.size / 3 ? ' ' : '') + it.str).join('');
          })
          .join('\n'),
      );
    }
    return pages;
  });
}

/** The whole text with a form feed after each page, as pdftotext writes it (so `split('\f')[i]` is page i + 1). */
export async function pdfText(file: string): Promise<string> {
  return (await pdfPages(file)).map((p) => `${p}\f`).join('');
}

/** Each page's [width, height] in whole millimetres (the media box, as pdfinfo reports it). */
export async function pdfPageSizesMm(file: string): Promise<[number, number][]> {
  return withPdf(file, async (doc) => {
    const sizes: [number, number][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
      sizes.push([Math.round((x1 - x0) / PT_PER_MM), Math.round((y1 - y0) / PT_PER_MM)]);
    }
    return sizes;
  });
}

let zxingReady = false;
/** zxing-wasm would fetch its .wasm from a CDN; hand it the copy inside the package instead (tests run offline). */
function prepareZxing(): void {
  if (zxingReady) return;
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  zxingReady = true;
}

/**
 * Renders page `pageNumber` (1-based) at `dpi` on a white sheet, as a scanner sees the printed piece, and returns
 * the text of every barcode ZXing finds on it — any linear symbology, as zbarimg read them (the pieces carry Code 128).
 */
export async function decodeBarcodes(file: string, pageNumber: number, dpi = 200): Promise<string[]> {
  const pixels = await withPdf(file, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdfjs is typed for the DOM canvas; @napi-rs/canvas implements the same 2D API (pdfjs itself uses it in Node).
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    return context.getImageData(0, 0, canvas.width, canvas.height);
  });
  prepareZxing();
  const found = await readBarcodes({ data: pixels.data, width: pixels.width, height: pixels.height, colorSpace: 'srgb' } as ImageData, {
    formats: ['AllLinear'],
    tryHarder: true,
    maxNumberOfSymbols: 16,
  });
  return found.filter((r) => r.isValid).map((r) => r.text);
}
