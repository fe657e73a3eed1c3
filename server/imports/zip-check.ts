/**
 * Opening an uploaded .docx without trusting it. A .docx is a zip; before anything reads it we
 * read its central directory ourselves and refuse what is not a zip (an old .doc, a
 * password-protected file — both OLE compound files — or anything else), what is damaged or cut
 * short, and what would unpack to too much (a zip bomb). Parts are inflated only when asked for,
 * each capped at the size its directory entry declared: an entry that lies about its size stops
 * inflating there, so the caps below bound the memory a file can take, whatever it says.
 */
import zlib from 'node:zlib';
import { ImportRefused } from './errors';

/** What all parts of one file may unpack to, together. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** A part bigger than this unpacked may not be more than `MAX_RATIO` times its packed size. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
export const MAX_RATIO = 100;
const MAX_ENTRIES = 10_000;

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted Office file keeps its real (zip) contents in, named in UTF-16LE. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

interface Entry {
  name: string;
  method: number;
  packedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

/** The parts of a checked zip, each inflated on first read. */
export interface CheckedZip {
  names(): string[];
  has(name: string): boolean;
  /** The part's bytes; null when there is no such part. */
  read(name: string): Buffer | null;
  /** The part as UTF-8 text (a byte-order mark dropped); null when there is no such part. */
  text(name: string): string | null;
}

const damaged = (detail: string) =>
  new ImportRefused(422, `This Word file is damaged (${detail}). Open it in Word, save it again and retry.`, 'damaged-file');

/** Refuses what is not a .docx with a sentence that says what it is instead. */
function refuseOtherFormats(bytes: Buffer): void {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    if (bytes.includes(ENCRYPTED_PACKAGE)) {
      throw new ImportRefused(415, 'This file is password-protected. Remove the password in Word (File › Info › Protect Document) and import it again.', 'password-protected');
    }
    throw new ImportRefused(415, 'This is a Word file in the old .doc format. Open it in Word, save it as .docx and import that.', 'old-doc-format');
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new ImportRefused(415, 'This is not a Word (.docx) file.', 'not-docx');
  }
}

function endOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw damaged('it ends too early: it may have been cut short while copying');
}

function readDirectory(bytes: Buffer): Entry[] {
  const end = endOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new ImportRefused(413, 'This file is too large to import.', 'too-large');
  }
  if (count > MAX_ENTRIES) throw new ImportRefused(413, `This file has more than ${MAX_ENTRIES} parts.`, 'too-many-parts');
  if (directoryOffset + directorySize > end) throw damaged('its table of contents is cut short');
  const entries: Entry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw damaged('its table of contents is broken');
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entry: Entry = {
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      packedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (flags & 1) {
      throw new ImportRefused(415, 'This file is password-protected. Remove the password in Word and import it again.', 'password-protected');
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses a file whose parts would unpack to too much, by what its directory declares. */
function checkDeclaredSizes(entries: Entry[]): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (total > MAX_UNPACKED_BYTES) {
      throw new ImportRefused(413, `This file would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, which is more than any syllabus section needs.`, 'unpacks-too-large');
    }
    if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.packedSize * MAX_RATIO) {
      throw new ImportRefused(422, `This file is packed suspiciously tightly (${entry.name} would grow more than ${MAX_RATIO} times): it is refused as a possible zip bomb.`, 'zip-bomb');
    }
  }
}

/** Checks an uploaded file and opens it; throws `ImportRefused` for anything that is not a sound .docx. */
export function openCheckedZip(bytes: Buffer): CheckedZip {
  refuseOtherFormats(bytes);
  const entries = readDirectory(bytes);
  checkDeclaredSizes(entries);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const inflated = new Map<string, Buffer>();

  const read = (name: string): Buffer | null => {
    const entry = byName.get(name);
    if (!entry) return null;
    const cached = inflated.get(name);
    if (cached) return cached;
    const data = partData(bytes, entry);
    inflated.set(name, data);
    return data;
  };
  return {
    names: () => [...byName.keys()],
    has: (name) => byName.has(name),
    read,
    text: (name) => {
      const data = read(name);
      return data === null ? null : data.toString('utf8').replace(/^\uFEFF/, '');
    },
  };
}

function partData(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw damaged(`${entry.name} is missing`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.packedSize > bytes.length) throw damaged(`${entry.name} is cut short`);
  const packed = bytes.subarray(start, start + entry.packedSize);
  let data: Buffer;
  if (entry.method === 0) data = packed;
  else if (entry.method === 8) {
    try {
      // Never more than the directory declared (already checked against the caps): a part that
      // lies about its size stops here instead of filling the memory.
      data = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ImportRefused(422, `This file is refused as a possible zip bomb: ${entry.name} unpacks to more than it declares.`, 'zip-bomb');
      }
      throw damaged(`${entry.name} cannot be unpacked`);
    }
  } else throw damaged(`${entry.name} is packed in a way Word does not use`);
  if (data.length !== entry.size || zlib.crc32(data) !== entry.crc) throw damaged(`${entry.name} does not match its checksum`);
  return data;
}
