import { type FormEvent, useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import { AllianceAdminDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ImportRowsTable, type ImportTableColumn } from '../ledger/ImportRowsTable.tsx';
import { LedgerFilesNotice } from '../ledger/LedgerFilesNotice.tsx';
import { type AllianceImportAnswer, downloadFile, importAllianceFile, LedgerFilesError } from '../ledger/ledger-files.ts';
import { Field } from '../ui/Field.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';

/**
 * 从 Excel 导入成员单位和联席会议: the coordinator's import of the alliance's own data, as the
 * editors' import works (the template, a check that writes nothing, then every row or none).
 * After an import the alliance is read again, so the new members show at once.
 */
export function AllianceImportPanel({ allianceId }: { allianceId: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const token = session?.token ?? '';
  const [, reloadAlliance] = useQuery({ query: AllianceAdminDocument, variables: { id: allianceId }, pause: true });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<AllianceImportAnswer | null>(null);
  const [error, setError] = useState<LedgerFilesError | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await importAllianceFile(file, token, { allianceId, dryRun });
      setAnswer(result);
      if (result.applied) {
        reloadAlliance({ requestPolicy: 'network-only' });
      }
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : new LedgerFilesError(0, 'UNKNOWN', null, null, String(failure)));
    } finally {
      setBusy(false);
    }
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };
  const template = async () => {
    setError(null);
    try {
      await downloadFile(`/ledger/alliance-template.xlsx?alliance=${allianceId}`, token, 'alliance-template.xlsx');
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : null);
    }
  };
  const columns: ImportTableColumn<AllianceImportAnswer['rows'][number]>[] = [
    { header: t('ledgerFiles.allianceImport.sheet'), cell: (row) => row.sheetName },
    { header: t('ledgerFiles.allianceImport.name'), cell: (row) => row.name ?? '—' },
  ];
  const counts = answer ? { created: answer.created, existing: answer.existing, invalid: answer.invalid } : null;

  return (
    <section className="form form--panel" data-testid="alliance-import">
      <h2>{t('ledgerFiles.allianceImport.title')}</h2>
      <p className="field__hint">{t('ledgerFiles.allianceImport.lead')}</p>
      <form onSubmit={check}>
        <div className="form__actions">
          <button type="button" className="button" data-testid="download-alliance-template" onClick={template}>
            {t('ledgerFiles.allianceImport.template')}
          </button>
        </div>
        <Field label={t('ledgerFiles.import.file')} hint={t('ledgerFiles.import.fileHint')} required>
          {(control) => (
            <input
              {...control}
              type="file"
              name="alliance-file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setAnswer(null);
                setError(null);
              }}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!file || busy} data-action="check">
            {t('ledgerFiles.import.check')}
          </button>
        </div>
      </form>
      {busy ? <Loading /> : null}
      <LedgerFilesNotice error={error} />
      {answer && counts ? (
        <div className="import-result" data-testid={answer.applied ? 'import-done' : 'import-check'}>
          <Notice tone={answer.applied ? 'success' : answer.invalid > 0 ? 'warning' : 'info'}>
            {t(
              answer.applied
                ? 'ledgerFiles.allianceImport.done'
                : answer.dryRun
                  ? 'ledgerFiles.allianceImport.checked'
                  : 'ledgerFiles.allianceImport.refused',
              counts,
            )}
          </Notice>
          <ImportRowsTable rows={answer.rows} applied={answer.applied} columns={columns} rowKey={(row) => `${row.sheet}-${row.line}`} />
          {answer.applied ? null : (
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary"
                data-action="confirm"
                disabled={busy || answer.invalid > 0 || answer.created === 0}
                onClick={() => void run(false)}
              >
                {t('ledgerFiles.allianceImport.confirm', { count: answer.created })}
              </button>
              {answer.invalid > 0 ? <span className="field__hint">{t('ledgerFiles.import.fixFirst')}</span> : null}
              {answer.invalid === 0 && answer.created === 0 ? (
                <span className="field__hint">{t('ledgerFiles.allianceImport.nothingNew')}</span>
              ) : null}
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
