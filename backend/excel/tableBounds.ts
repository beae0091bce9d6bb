/**
 * Sizes up a spreadsheet before SheetJS reads it, so that a crafted file is refused before memory grows:
 * SheetJS unpacks every part of an .xlsx and builds every row, and a few hundred KB can hold a million rows or
 * gigabytes of XML. What is checked follows the content, not the file name (SheetJS sniffs the content too):
 *
 * - a zip (.xlsx): the central directory's declared sizes first (a plain zip bomb stops here), then every
 *   part is inflated as a stream — never held — counting the rows, cells and shared strings it holds and
 *   stopping at the first bound passed; a part that gives more than the directory says is refused as damaged;
 * - text (CSV, and HTML or XML tables saved as .xls): lines and separators, or table tags;
 * - anything else (the old binary .xls, which is not compressed) is bounded by the file size, and by the
 *   row bound SheetJS applies while reading.
 */
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { MAX_XLSX_PARTS, MAX_XLSX_UNPACKED_BYTES, toMb, tooManyCells, tooManyMb, tooManyRows, type TableLimits } from '../../shared/limits';

interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  dataStart: number;
}

interface Counts {
  rows: number;
  cells: number;
  strings: number;
  bytes: number;
}

const damaged = (fileName: string, why: string) => new AppError('VALIDATION', `无法读取文件“${fileName}”：文件已损坏或不是有效的表格（${why}）`);
const unsupported = (fileName: string) => new AppError('VALIDATION', `不支持“${fileName}”的格式（.xlsb 或 .ods）：请在 Excel 或 WPS 中另存为 .xlsx 后再导入`);

function sniff(b: Uint8Array): 'zip' | 'text' | 'binary' {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)) return 'text';
  return b.subarray(0, 4096).includes(0) ? 'binary' : 'text';
}

/** `asText`: the reader will parse the file as text (a .csv), whatever its bytes look like. */
export async function checkTableFile(bytes: Uint8Array, fileName: string, limits: TableLimits, asText: boolean): Promise<void> {
  const kind = asText ? 'text' : sniff(bytes);
  if (kind === 'zip') await checkZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, limits);
  else if (kind === 'text') checkText(bytes, fileName, limits);
}

// ---- zip ----------------------------------------------------------------------------------------------

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);
const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

/** The parts as the central directory lists them (ZIP64 included), with where each one's data starts. */
function zipParts(buf: Buffer, fileName: string): ZipPart[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (u32(buf, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(fileName, '找不到压缩目录');
  let count = u16(buf, eocd + 10);
  let cd = u32(buf, eocd + 16);
  if ((count === 0xffff || cd === 0xffffffff) && eocd >= 20 && u32(buf, eocd - 20) === 0x07064b50) {
    const z64 = u64(buf, eocd - 12);
    if (z64 + 56 > buf.length || u32(buf, z64) !== 0x06064b50) throw damaged(fileName, '压缩目录不完整');
    count = u64(buf, z64 + 32);
    cd = u64(buf, z64 + 48);
  }
  if (count > MAX_XLSX_PARTS) throw new AppError('VALIDATION', `无法读取文件“${fileName}”：文件包含 ${count} 个部件，不像是正常的表格`);
  const parts: ZipPart[] = [];
  let p = cd;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || u32(buf, p) !== 0x02014b50) throw damaged(fileName, '压缩目录不完整');
    const nameLen = u16(buf, p + 28);
    const extraLen = u16(buf, p + 30);
    if (p + 46 + nameLen + extraLen > buf.length) throw damaged(fileName, '压缩目录不完整');
    let declaredSize = u32(buf, p + 24);
    let compressedSize = u32(buf, p + 20);
    let local = u32(buf, p + 42);
    // ZIP64: each field that is all ones is given, in this order, in extra field 0x0001.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; e += 4 + u16(buf, e + 2)) {
      if (u16(buf, e) !== 0x0001) continue;
      let at = e + 4;
      if (declaredSize === 0xffffffff) ((declaredSize = u64(buf, at)), (at += 8));
      if (compressedSize === 0xffffffff) ((compressedSize = u64(buf, at)), (at += 8));
      if (local === 0xffffffff) local = u64(buf, at);
    }
    if (local + 30 > buf.length || u32(buf, local) !== 0x04034b50) throw damaged(fileName, '部件位置不对');
    const dataStart = local + 30 + u16(buf, local + 26) + u16(buf, local + 28);
    if (dataStart + compressedSize > buf.length) throw damaged(fileName, '部件不完整');
    parts.push({ name: buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'), method: u16(buf, p + 10), compressedSize, declaredSize, dataStart });
    p += 46 + nameLen + extraLen + u16(buf, p + 32);
  }
  return parts;
}

/** Stops the scan at the first bound passed. */
class Exceeded extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

async function checkZip(buf: Buffer, fileName: string, limits: TableLimits): Promise<void> {
  let parts: ZipPart[];
  try {
    parts = zipParts(buf, fileName);
  } catch (e) {
    // A field pointing past the end of the file.
    throw e instanceof AppError ? e : damaged(fileName, '压缩目录无法读取');
  }
  const names = new Set(parts.map((p) => p.name.toLowerCase()));
  // Formats SheetJS would also read, but whose repeat attributes and binary records the scan cannot count.
  if (names.has('xl/workbook.bin') || names.has('content.xml')) throw unsupported(fileName);
  const declared = parts.reduce((n, p) => n + p.declaredSize, 0);
  const maxMb = toMb(MAX_XLSX_UNPACKED_BYTES);
  if (declared > MAX_XLSX_UNPACKED_BYTES) throw new AppError('VALIDATION', tooManyMb(fileName, toMb(declared), maxMb, true));

  const counts: Counts = { rows: 0, cells: 0, strings: 0, bytes: 0 };
  const check = () => {
    if (counts.bytes > MAX_XLSX_UNPACKED_BYTES) throw new Exceeded(new AppError('VALIDATION', tooManyMb(fileName, maxMb, maxMb, false)));
    if (counts.rows > limits.maxRows) throw new Exceeded(new AppError('VALIDATION', tooManyRows(fileName, limits.maxRows)));
    if (counts.cells > limits.maxCells || counts.strings > limits.maxCells)
      throw new Exceeded(new AppError('VALIDATION', tooManyCells(fileName, limits.maxCells)));
  };
  try {
    for (const part of parts) {
      const data = buf.subarray(part.dataStart, part.dataStart + part.compressedSize);
      const tags = /\.(xml|rels|vml)$/i.test(part.name) ? new TagCounter(counts) : null;
      let size = 0;
      const take = (chunk: Buffer) => {
        size += chunk.length;
        // SheetJS sizes its output by the directory: a part that gives more would be read cut short, silently.
        if (size > part.declaredSize) throw new Exceeded(damaged(fileName, `部件 ${part.name} 比目录所写的大`));
        counts.bytes += chunk.length;
        tags?.feed(chunk);
        check();
      };
      if (part.method === 8) await inflateInChunks(data, take);
      else if (part.method === 0) for (let i = 0; i < data.length; i += 1 << 20) take(data.subarray(i, i + (1 << 20)));
      else throw damaged(fileName, `不支持的压缩方式 ${part.method}`);
      tags?.end();
      check();
    }
  } catch (e) {
    if (e instanceof Exceeded) throw e.refusal;
    if (e instanceof AppError) throw e;
    throw damaged(fileName, '压缩数据无法解开');
  }
}

/** Inflates a raw deflate stream piece by piece; `take` sees each piece and may throw to stop at once. */
function inflateInChunks(data: Buffer, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let done = false;
    const finish = (e?: unknown) => {
      if (done) return;
      done = true;
      if (e === undefined) resolve();
      else {
        z.destroy();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    z.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        take(chunk);
      } catch (e) {
        finish(e);
      }
    });
    z.on('error', (e) => finish(e));
    z.on('end', () => finish());
    z.end(data);
  });
}

const LT = 0x3c;
/** Element names counted, as bytes: <row>, <c> (a cell) and <si> (a shared string), with or without a prefix. */
const ROW = [0x72, 0x6f, 0x77];
const CELL = [0x63];
const STRING = [0x73, 0x69];
const isNameByte = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e;
const endsName = (b: number | undefined) => b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
/** Room kept at the end of a piece for a tag cut in two: '<', a prefix of up to 32 bytes, ':', 'row', a space. */
const CARRY = 40;

/** Counts start tags in XML that arrives in pieces, without decoding it. */
class TagCounter {
  private carry: Buffer = Buffer.alloc(0);
  constructor(private readonly counts: Counts) {}

  feed(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const upTo = Math.max(0, buf.length - CARRY);
    this.count(buf, upTo);
    this.carry = Buffer.from(buf.subarray(upTo));
  }

  end(): void {
    this.count(this.carry, this.carry.length);
    this.carry = Buffer.alloc(0);
  }

  /** Tags starting before `upTo`; the rest wait for the next piece. */
  private count(buf: Buffer, upTo: number): void {
    for (let i = buf.indexOf(LT); i !== -1 && i < upTo; i = buf.indexOf(LT, i + 1)) {
      let at = i + 1;
      let k = at;
      while (k < buf.length && k - at <= 32 && isNameByte(buf[k]!)) k++;
      if (buf[k] === 0x3a) at = k + 1;
      if (matches(buf, at, ROW)) this.counts.rows++;
      else if (matches(buf, at, CELL)) this.counts.cells++;
      else if (matches(buf, at, STRING)) this.counts.strings++;
    }
  }
}

function matches(buf: Buffer, at: number, name: number[]): boolean {
  for (let j = 0; j < name.length; j++) if (buf[at + j] !== name[j]) return false;
  return endsName(buf[at + name.length]);
}

// ---- text ---------------------------------------------------------------------------------------------

/**
 * CSV: each line is at most a row and each separator starts at most one more cell; which separator SheetJS
 * picks is not known here, so the most frequent one counts (a "sep=" first line names its own). HTML and XML
 * tables (saved as .xls by many systems): rows and cells are their tags, whatever the line breaks.
 */
function checkText(bytes: Uint8Array, fileName: string, limits: TableLimits): void {
  // UTF-16 text is counted by code unit: its bytes would be misread one at a time.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const units: ArrayLike<number> = utf16 ? new Uint16Array(bytes.buffer.slice(bytes.byteOffset + 2, bytes.byteOffset + 2 + ((bytes.length - 2) & ~1))) : bytes;
  const n = units.length;
  let first = utf16 || units[0] !== 0xef ? 0 : 3;
  while (first < n && (units[first] === 0x20 || units[first] === 0x0a || units[first] === 0x0d || units[first] === 0x09)) first++;
  const markup = units[first] === LT;
  const named = n > 5 && units[0] === 0x73 && units[1] === 0x65 && units[2] === 0x70 && units[3] === 0x3d ? units[4]! : -1;
  let lines = n > 0 ? 1 : 0;
  let [rowTags, cellTags, comma, tab, semicolon, bar, own] = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    if (c === named) own++;
    if (c === 0x0a) lines++;
    else if (c === 0x0d) {
      if (units[i + 1] !== 0x0a) lines++;
    } else if (c === 0x2c) comma++;
    else if (c === 0x09) tab++;
    else if (c === 0x3b) semicolon++;
    else if (c === 0x7c) bar++;
    else if (c === LT && markup) {
      const tag = tagName(units, i + 1);
      if (tag === 'tr' || tag === 'row') rowTags++;
      else if (tag === 'td' || tag === 'th' || tag === 'cell') cellTags++;
    }
  }
  const rows = markup ? rowTags : lines;
  const cells = markup ? cellTags : lines + Math.max(comma, tab, semicolon, bar, own);
  if (rows > limits.maxRows) throw new AppError('VALIDATION', tooManyRows(fileName, limits.maxRows));
  if (cells > limits.maxCells) throw new AppError('VALIDATION', tooManyCells(fileName, limits.maxCells));
}

/** The lower-cased local name of the tag that starts at `at` (after its '<'), prefix dropped; '' if not short. */
function tagName(units: ArrayLike<number>, at: number): string {
  let name = '';
  for (let j = at; j < at + 40 && j < units.length; j++) {
    const c = units[j]!;
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a && name.length < 5) name += String.fromCharCode(lower);
    else if (c === 0x3a) name = '';
    else return lower >= 0x61 && lower <= 0x7a ? '' : name;
  }
  return '';
}
