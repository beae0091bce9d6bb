/**
 * Bounds on what the app reads from outside — spreadsheets, CSV lists, sync files, JSON bodies — in one place.
 * Each is set from the domain with room to spare, so a real file never meets it, while a crafted one (a
 * million rows in 300 KB, a zip or gzip bomb) is refused before it costs gigabytes.
 *
 * Measured: SheetJS holds about 2 KB per row and 100 B per cell while reading, and writes about 45 B of sheet
 * XML per cell; a 100,000-row customer file of 12 columns is 51 MB of XML and reads in 6 s.
 */

const MB = 1024 * 1024;

export interface TableLimits {
  /** Rows of all sheets together, title and header rows included (every sheet is read). */
  maxRows: number;
  /** Cells of all sheets together (and shared strings, which are at most one per cell). */
  maxCells: number;
}

/** A branch has at most about 100,000 customers; 30 columns is more than the import knows. */
export const CUSTOMER_IMPORT_LIMITS: TableLimits = { maxRows: 150_000, maxCells: 4_500_000 };

/** A quarterly extract of one business line: about 200,000 rows at most, and the business systems' exports are wide. */
export const USAGE_IMPORT_LIMITS: TableLimits = { maxRows: 300_000, maxCells: 6_000_000 };

/** The file as chosen (before unpacking); checked before anything is decoded. */
export const MAX_TABLE_FILE_BYTES = 100 * MB;

/** All parts of an .xlsx unpacked: 6,000,000 cells of about 45 B, with room for inline Chinese text. */
export const MAX_XLSX_UNPACKED_BYTES = 320 * MB;

/** Parts in an .xlsx: a few dozen in practice; thousands only in a crafted file. */
export const MAX_XLSX_PARTS = 5_000;

/** The city's list of customers for a hub campaign (网点名称,客户编号; two to four columns): a few branches of tens of thousands. */
export const HUB_LIST_LIMITS: TableLimits & { maxBytes: number } = { maxRows: 500_000, maxCells: 2_000_000, maxBytes: 32 * MB };

/**
 * A sync file's JSON once inflated. A branch's first file carries every row it has (about 100,000 customers
 * with their history: well under 200 MB of JSON); the whole of it is parsed at once, at several times its size.
 */
export const MAX_SYNC_FILE_JSON_BYTES = 256 * MB;

/** Nesting of a JSON body: the contract's deepest input (a segment filter in a campaign) is under 10 levels. */
export const MAX_JSON_DEPTH = 64;

export const toMb = (bytes: number) => Math.ceil(bytes / MB);

const count = (n: number) => n.toLocaleString('zh-CN');

/** The refusals a clerk reads: what is too big, and what to do about it. */
export const tooManyRows = (fileName: string, maxRows: number) =>
  `文件过大：“${fileName}”超过 ${count(maxRows)} 行（一次最多 ${count(maxRows)} 行，含标题和表头），请分批导入`;
export const tooManyCells = (fileName: string, maxCells: number) => `文件过大：“${fileName}”超过 ${count(maxCells)} 个单元格，请分批导入，或删去用不到的列`;
/** `known`: the size the file itself declares; otherwise what was unpacked before stopping. */
export const tooManyMb = (fileName: string, mb: number, maxMb: number, known: boolean) =>
  `文件过大：“${fileName}”解压后${known ? '约' : '超过'} ${count(mb)} MB（一次最多 ${count(maxMb)} MB），请分批导入`;
