import { importBench } from './bench/importBench';
const r = await importBench(100_000);
process.stdout.write(`preview ${r['previewMs']!.toFixed(0)} commit ${r['commitMs']!.toFixed(0)} parse ${r['bareParseMs']!.toFixed(0)} rss ${r['peakRssMB']!.toFixed(0)}\n`);
