/**
 * A refusal about an export that the person can act on (no such export, not ready, expired, too
 * many at once, the server busy with everybody's exports). Exporters see only their model, so they
 * have their own error rather than the domain's; the HTTP layer answers it like a DomainError: this
 * status, `{ error, code }`.
 */
export class ExportError extends Error {
  constructor(
    readonly status: 404 | 409 | 410 | 429,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}
