/**
 * Puts a restored image into a data folder that no LocalDatabase has open, as the folder's next generation.
 * Order: an empty change log for it, then the snapshot (temp + fsync + rename). Until the rename the folder
 * opens as before; after it, as the restored data. Then the older generations go: they are not the restored
 * data's history, and falling back to one (were the new snapshot ever damaged) would replay the changes made
 * after the restore onto the replaced data. The safety copy keeps the replaced data instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkKey } from '../db/cipher';
import { copyName, listGenerations, logName, snapshotName, writeSnapshotSync } from '../db/snapshotFile';
import { fsyncDir } from '../util/fsx';

export function installImage(dir: string, image: Uint8Array, key: Buffer | undefined): void {
  fs.mkdirSync(dir, { recursive: true });
  checkKey(dir, key);
  const { snapshots, logs, copies } = listGenerations(dir);
  const next = Math.max(0, ...snapshots, ...logs) + 1;
  fs.closeSync(fs.openSync(path.join(dir, logName(next)), 'a'));
  writeSnapshotSync(dir, next, image, key);
  for (const g of snapshots) fs.rmSync(path.join(dir, snapshotName(g)), { force: true });
  for (const g of copies) fs.rmSync(path.join(dir, copyName(g)), { force: true });
  for (const g of logs) if (g !== next) fs.rmSync(path.join(dir, logName(g)), { force: true });
  fsyncDir(dir);
}

export const SAFETY_DIR = 'before-restore';
/** Safety copies kept in the data folder; older ones are removed after a new one is written. */
export const KEEP_SAFETY = 3;

export function safetyDir(dataDir: string): string {
  return path.join(dataDir, SAFETY_DIR);
}
