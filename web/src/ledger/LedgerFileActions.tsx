import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Notice } from '../ui/Notice.tsx';
import { LedgerFilesNotice } from './LedgerFilesNotice.tsx';
import { downloadFile, LedgerFilesError, lastMonthKey } from './ledger-files.ts';

interface LedgerFileActionsProps {
  /** An alliance's id, or `all` for every alliance the coordinator tracks. */
  readonly allianceId: string;
  /** The tracking view's filters as its address holds them (the export takes the same parameters). */
  readonly filter?: URLSearchParams;
}

/** The coordinator's files: the ledger as Excel in one click (with the view's filters), and the report. */
export function LedgerFileActions({ allianceId, filter }: LedgerFileActionsProps) {
  const { t } = useI18n();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<LedgerFilesError | null>(null);
  if (session?.user.role !== 'coordinator') {
    return null;
  }
  const exportLedger = async () => {
    setBusy(true);
    setSaved(null);
    setError(null);
    try {
      const params = new URLSearchParams(filter);
      params.set('alliance', allianceId);
      setSaved(await downloadFile(`/ledger/export.xlsx?${params}`, session.token, 'ledger.xlsx'));
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : new LedgerFilesError(0, 'UNKNOWN', null, null, String(failure)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ledger-actions">
      <button type="button" className="button" data-testid="export-ledger" disabled={busy} onClick={exportLedger}>
        {busy ? t('ledgerFiles.exporting') : t(allianceId === 'all' ? 'ledgerFiles.exportAll' : 'ledgerFiles.export')}
      </button>
      <Link
        className="button button--quiet"
        to={`/report?alliance=${allianceId}&period=${lastMonthKey(todayIso())}`}
        data-testid="report-link"
      >
        {t(allianceId === 'all' ? 'ledgerFiles.reportAll' : 'ledgerFiles.report')}
      </Link>
      {filter && filter.size > 0 ? <span className="field__hint">{t('ledgerFiles.exportFiltered')}</span> : null}
      {saved ? <Notice tone="success">{t('ledgerFiles.exported', { name: saved })}</Notice> : null}
      <LedgerFilesNotice error={error} />
    </div>
  );
}
