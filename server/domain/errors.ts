/** A refusal the person can act on; the HTTP layer turns it into a 4xx with this message. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429,
    message: string,
    readonly code: string = 'invalid',
  ) {
    super(message);
  }
}
