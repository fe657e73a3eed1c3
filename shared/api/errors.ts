/** How every route says no: the body of each 4xx and 5xx answer. */
export interface ApiErrorBody {
  /** A sentence a person can read (and act on). */
  error: string;
  /** A stable word a program can test, e.g. 'not-found', 'forbidden', 'invalid-request'. */
  code: string;
}
