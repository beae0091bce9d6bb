/**
 * Room for a database image to grow into.
 *
 * sql.js keeps a database as one byte array in its in-memory file system. A write past the array's end makes
 * a new array an eighth bigger and copies the whole image into it, so a 100,000-row import into a small branch
 * copied its image some forty times (a quarter of the import's commit, and as much garbage).
 *
 * An image handed to sql.js as a Node Buffer is kept as a view of that Buffer, not copied, so zero bytes after
 * the image give SQLite room to write into at no cost in memory until it does: the kernel maps the untouched
 * pages of a large zeroed allocation lazily. SQLite takes the database's size from the image's header, not from
 * the file's length, and export() copies only those pages, so the room never reaches a snapshot or a backup.
 */
import { constants } from 'node:buffer';
import type { Database, SqlJsStatic } from 'sql.js';

const MIN_ROOM = 256 * 1024 * 1024;

/** Room after an image of this many bytes: as much again, at least 256 MB, within what one Buffer may hold. */
export function roomFor(imageBytes: number): number {
  return Math.max(0, Math.min(Math.max(MIN_ROOM, imageBytes), constants.MAX_LENGTH - imageBytes - 64 * 1024));
}

/** `image` followed by `room` zero bytes, as one Buffer (a copy: for images not read with room already). */
export function withRoom(image: Uint8Array, room = roomFor(image.length)): Buffer {
  const b = Buffer.alloc(image.length + room);
  b.set(image);
  return b;
}

let emptyImage: Uint8Array | undefined;

/** A new, empty database with room to grow. */
export function newDatabase(SQL: SqlJsStatic): Database {
  // An all-zero file is not a database to SQLite; the first page of an empty one, as SQLite writes it, is.
  if (!emptyImage) {
    const probe = new SQL.Database();
    try {
      emptyImage = probe.export().slice();
    } finally {
      probe.close();
    }
  }
  return new SQL.Database(withRoom(emptyImage));
}
