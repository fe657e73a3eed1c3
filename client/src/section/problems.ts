/** Failures of the section page's requests, said in the interface language. */
import { ApiError, NetworkError } from '../api';
import { t } from '../i18n';

/**
 * Words for a failed request. `specific` maps a status or an error code of the server to the
 * message that explains it best where the request was made; the general cases follow.
 */
export function explain(error: unknown, specific: Record<string, string> = {}): string {
  if (error instanceof NetworkError) return t('app.error.network');
  if (!(error instanceof ApiError)) return t('app.error.generic');
  const own = (error.code && specific[error.code]) ?? specific[String(error.status)];
  if (own) return own;
  switch (error.status) {
    case 403:
      return t('failure.forbidden');
    case 404:
      return t('failure.gone');
    case 409:
      return t('failure.conflict');
    case 400:
    case 413:
      return t('failure.invalid');
    default:
      return t('app.error.generic');
  }
}
