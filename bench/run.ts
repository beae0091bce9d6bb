/** `npm run bench [-- --json]`: prints the figures the issues ask for. Not part of `npm test`. */
import { foundationBench, printFoundation } from './foundation';

const json = process.argv.includes('--json');
const customers = Number(process.env['BENCH_CUSTOMERS'] ?? 50_000);
const foundation = await foundationBench(customers);
if (json) console.log(JSON.stringify({ foundation }, null, 2));
else printFoundation(foundation);
