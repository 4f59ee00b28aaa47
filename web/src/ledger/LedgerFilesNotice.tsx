import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { Notice } from '../ui/Notice.tsx';
import type { LedgerFilesError } from './ledger-files.ts';

const knownCodes = ['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED', 'NETWORK'];

/** What a ledger route refused, in the reader's language: what it means, and the gateway's own words. */
export function LedgerFilesNotice({ error }: { error: LedgerFilesError | null }) {
  const { t, lang } = useI18n();
  if (!error) {
    return null;
  }
  const title =
    error.code === 'PAYLOAD_TOO_LARGE'
      ? t('ledgerFiles.tooLarge')
      : t(`error.${knownCodes.includes(error.code) ? error.code : 'UNKNOWN'}` as MessageKey);
  const detail = lang === 'zh-CN' && error.zh ? error.zh : error.message;
  return (
    <Notice tone="error">
      <span data-error-code={error.code} data-reason={error.reason ?? undefined}>
        <strong>{title}</strong> {detail}
      </span>
    </Notice>
  );
}
