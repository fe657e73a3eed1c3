/**
 * Saved texts (versions, the texts reviewers approved) carry a SHA-256 of their bytes, written with
 * them and checked whenever they are read. SQLite's own checks do not see a damaged page inside a
 * blob; without this a version would show damaged text, and restoring it would write the damage
 * into the live section under a fresh, valid update checksum.
 */
import { createHash } from 'node:crypto';
import { DomainError } from './errors';

export function checksumOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A saved text whose bytes are not what was written: never shown, compared or restored. */
export class DamagedTextError extends DomainError {
  constructor(what: string) {
    super(410, `${what} is damaged on disk (its checksum does not match) and cannot be shown or restored`, 'damaged');
  }
}

/**
 * The bytes of a saved text, checked against the checksum written with them. Rows written before
 * checksums existed (null) are read as they are.
 */
export function verifiedState(bytes: Uint8Array, checksum: string | null, what: string): Uint8Array {
  if (checksum !== null && checksumOf(bytes) !== checksum) {
    console.error(`[storage] ${what} does not match its checksum`);
    throw new DamagedTextError(what);
  }
  return bytes;
}
