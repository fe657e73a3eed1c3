/** Opening an uploaded .docx without trusting it: what is refused, why, and with which status. */
import { strToU8, zipSync } from 'fflate';
import { ImportRefused } from '../../server/imports/errors';
import { MAX_UNPACKED_BYTES, openCheckedZip } from '../../server/imports/zip-check';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function refusal(bytes: Uint8Array, read?: string): ImportRefused {
  try {
    const zip = openCheckedZip(Buffer.from(bytes));
    if (read) zip.read(read);
  } catch (error) {
    if (error instanceof ImportRefused) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

/** The offset of the central directory entry of the only file in a zip made by fflate. */
const directoryOf = (zip: Buffer) => zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));

test('a sound zip opens, and its parts read as written', () => {
  const zip = openCheckedZip(Buffer.from(zipSync({ 'word/document.xml': strToU8('\uFEFF<w:document>Қазақ</w:document>'), 'a.bin': new Uint8Array([1, 2, 3]) })));
  expect(zip.names().sort()).toEqual(['a.bin', 'word/document.xml']);
  expect(zip.text('word/document.xml')).toBe('<w:document>Қазақ</w:document>');
  expect([...zip.read('a.bin')!]).toEqual([1, 2, 3]);
  expect(zip.read('missing')).toBeNull();
});

test('what is not a zip is refused as not a Word file', () => {
  expect(refusal(strToU8('plain text'))).toMatchObject({ status: 415, code: 'not-docx' });
  expect(refusal(new Uint8Array(0))).toMatchObject({ status: 415, code: 'not-docx' });
});

test('an OLE file is a password-protected .docx when it holds EncryptedPackage, else an old .doc', () => {
  const ole = (name: string) => Buffer.concat([OLE, Buffer.alloc(600), Buffer.from(name, 'utf16le')]);
  expect(refusal(ole('EncryptedPackage'))).toMatchObject({ status: 415, code: 'password-protected', message: expect.stringMatching(/password-protected/) });
  expect(refusal(ole('WordDocument'))).toMatchObject({ status: 415, code: 'old-doc-format', message: expect.stringMatching(/old \.doc format/) });
});

test('a zip cut short is damaged', () => {
  const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>'.repeat(100)) });
  expect(refusal(zip.subarray(0, zip.length - 30))).toMatchObject({ status: 422, code: 'damaged-file' });
  expect(refusal(zip.subarray(0, 40))).toMatchObject({ status: 422, code: 'damaged-file' });
});

test('a part packed more than a hundredfold is a zip bomb, refused by what it declares', () => {
  const bomb = zipSync({ 'word/document.xml': new Uint8Array(5 * 1024 * 1024) }, { level: 9 });
  expect(refusal(bomb)).toMatchObject({ status: 422, code: 'zip-bomb' });
});

test('parts that declare more than the cap together are too large', () => {
  const zip = Buffer.from(zipSync({ 'a.xml': strToU8('a'), 'b.xml': strToU8('b') }, { level: 0 }));
  // Two stored parts, each declaring 60 MB (stored: packed size alike, so no ratio).
  let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  for (let i = 0; i < 2; i++) {
    zip.writeUInt32LE(60 * 1024 * 1024, at + 20);
    zip.writeUInt32LE(60 * 1024 * 1024, at + 24);
    at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
  }
  expect(120 * 1024 * 1024).toBeGreaterThan(MAX_UNPACKED_BYTES);
  expect(refusal(zip)).toMatchObject({ status: 413, code: 'unpacks-too-large' });
});

test('a part that unpacks to more than it declares stops at the declared size', () => {
  const zip = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(2 * 1024 * 1024).fill(65) }, { level: 9 }));
  zip.writeUInt32LE(1000, directoryOf(zip) + 24);
  expect(refusal(zip, 'word/document.xml')).toMatchObject({ status: 422, code: 'zip-bomb' });
});

test('a part whose bytes do not match its checksum is damaged', () => {
  const zip = Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document>text</w:document>') }, { level: 0 }));
  const at = zip.indexOf(strToU8('text'));
  zip.write('TEXT', at);
  expect(refusal(zip, 'word/document.xml')).toMatchObject({ status: 422, code: 'damaged-file' });
});

test('an encrypted zip entry is refused as password-protected', () => {
  const zip = Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
  zip.writeUInt16LE(1, directoryOf(zip) + 8);
  expect(refusal(zip)).toMatchObject({ status: 415, code: 'password-protected' });
});
