// One readable sentence for any failure, in the interface language.
import { ApiError } from './api';
import { t } from './i18n';

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    if (p.code === 'network') return t('error.network');
    if (p.code === 'csrf') return t('error.csrf');
    if (p.status === 403) return t('error.forbidden');
    if (p.status === 404) return t('error.notFound');
    if (p.status === 413) return t('error.tooLarge');
    if (p.status >= 500) return t('error.server');
    return t('error.generic', { detail: p.detail || p.title || p.code });
  }
  return t('error.generic', { detail: error instanceof Error ? error.message : String(error) });
}
