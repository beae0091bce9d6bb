/**
 * The Chinese font embedded in every mail PDF, so a letter prints the same on any PC whatever fonts it has:
 * Noto Sans SC (Source Han Sans, OFL) as shipped by @embedpdf/fonts-sc, ~30,000 characters including rare
 * given-name characters (喆, 堃, 赟 …). PDFKit embeds only the glyphs used, so a file carries a few hundred KB
 * of font however many pieces it holds.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

const require = createRequire(import.meta.url);

export const FONT_NAME = 'NotoSansSC';

let cached: Buffer | null = null;

/** The font file's bytes, read once per process (fontkit parses them for each document). */
export function chineseFont(): Buffer {
  if (cached) return cached;
  let file: string;
  try {
    // The package exports only its index, which sits in dist/ beside fonts/.
    file = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
    fs.accessSync(file);
  } catch {
    throw new AppError('INTERNAL', '找不到打印用的中文字体文件（NotoSansHans-Regular.otf），请重新安装程序');
  }
  cached = fs.readFileSync(file);
  return cached;
}

export const MM = 72 / 25.4;
export const mm = (x: number): number => x * MM;
