/**
 * Why a Word file is refused, with the status the HTTP layer answers: 413 too large, 415 not a
 * Word file at all (another format, an old .doc, a password-protected file), 422 a damaged one.
 * Nothing is written before a file has passed every check, so a refusal changes nothing.
 */
export type ImportRefusalStatus = 413 | 415 | 422;

export class ImportRefused extends Error {
  constructor(
    readonly status: ImportRefusalStatus,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
