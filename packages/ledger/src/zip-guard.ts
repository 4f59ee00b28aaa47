import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflate = promisify(inflateRaw);

/** The bounds an uploaded workbook must keep before any spreadsheet library reads it. */
export interface ZipLimits {
  /** Most entries (files) in the zip. */
  readonly maxEntries: number;
  /** Most bytes one entry may unpack to. */
  readonly maxEntryBytes: number;
  /** Most bytes all entries together may unpack to. */
  readonly maxTotalBytes: number;
  /** Most `<row>` elements in one worksheet (data and heading rows). */
  readonly maxSheetRows: number;
}

/** Why a file is refused before it is read. */
export type ZipProblem = 'NOT_XLSX' | 'ENCRYPTED' | 'UNPACKED_TOO_LARGE' | 'TOO_MANY_ROWS';

export class ZipRefusal extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;
const rowElement = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The central directory's entries; NOT_XLSX when the bytes are no (plain, single-disk, non-ZIP64) zip. */
function directory(bytes: Buffer, maxEntries: number): Entry[] {
  const notZip = (why: string) => new ZipRefusal('NOT_XLSX', `The file is not an .xlsx workbook (${why})`);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === endOfDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    throw notZip('no zip directory');
  }
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || count === 0xffff || offset === 0xffffffff || offset + size > end) {
    throw notZip('a zip this reader does not take');
  }
  if (count > maxEntries) {
    throw new ZipRefusal('UNPACKED_TOO_LARGE', `The file holds ${count} parts; a workbook has at most ${maxEntries}`);
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== directoryEntry) {
      throw notZip('a damaged zip directory');
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's compressed bytes, found through its local header. */
function payload(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== localHeader) {
    throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (a damaged zip entry)');
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) {
    throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (a truncated zip entry)');
  }
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Checks an uploaded .xlsx before a spreadsheet library opens it: a zip (xlsx is one) with a
 * workbook part, no encryption, stored or deflated entries only; the sizes the zip's directory
 * declares within `maxEntryBytes` per entry and `maxTotalBytes` together; each entry unpacked
 * here with zlib's `maxOutputLength` set one byte past its declared size, so a zip bomb stops
 * at its limit (or at once, when it lies about its size) instead of filling memory, and each
 * entry exactly the size declared (so the library, reading the same directory, unpacks no
 * more); no worksheet with more than `maxSheetRows` rows. Throws a ZipRefusal naming the
 * problem; resolves when the file may be read.
 */
export async function checkWorkbookZip(bytes: Buffer, limits: ZipLimits): Promise<void> {
  if (bytes.length < 22) {
    throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (too short to be one)');
  }
  const entries = directory(bytes, limits.maxEntries);
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (a zip without a workbook part)');
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) {
      throw new ZipRefusal('ENCRYPTED', 'The workbook is encrypted or password-protected; save it without a password');
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipRefusal('NOT_XLSX', `The file is not an .xlsx workbook (zip method ${entry.method})`);
    }
    const budget = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    if (entry.size > budget) {
      throw new ZipRefusal('UNPACKED_TOO_LARGE', `The workbook unpacks to more than ${limits.maxTotalBytes} bytes`);
    }
    const data = payload(bytes, entry);
    let unpacked: Buffer;
    try {
      // Unpacking stops one byte past the declared size: a part that claims less than it holds is cut off at once.
      unpacked = entry.method === 0 ? data : await inflate(data, { maxOutputLength: entry.size + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipRefusal(
          'UNPACKED_TOO_LARGE',
          `A part of the workbook unpacks to more than its zip directory declares (${entry.size} bytes)`,
        );
      }
      throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (a damaged zip entry)');
    }
    if (unpacked.length !== entry.size) {
      throw new ZipRefusal('NOT_XLSX', 'The file is not an .xlsx workbook (an entry’s size is not what the zip declares)');
    }
    total += unpacked.length;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      const rows = unpacked.toString('utf8').match(rowElement)?.length ?? 0;
      if (rows > limits.maxSheetRows) {
        throw new ZipRefusal('TOO_MANY_ROWS', `A worksheet has ${rows} rows; an import takes at most ${limits.maxSheetRows}`);
      }
    }
  }
}
