import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useEditorScope } from '../editor/EditorLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { textOf } from '../kinds/partner-kinds.ts';
import { Field } from '../ui/Field.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ImportRowsTable, type ImportTableColumn } from './ImportRowsTable.tsx';
import { LedgerFilesNotice } from './LedgerFilesNotice.tsx';
import { downloadFile, type ImportAnswer, importFile, LedgerFilesError } from './ledger-files.ts';

/** The rows of an editor's import: title, category, due date and branch as read. */
function ImportTable({ answer }: { answer: ImportAnswer }) {
  const { t, format } = useI18n();
  const columns: ImportTableColumn<ImportAnswer['rows'][number]>[] = [
    { header: t('commitment.field.title'), cell: (row) => row.title || '—' },
    { header: t('commitment.field.category'), cell: (row) => row.category ?? '—' },
    { header: t('commitment.field.dueDate'), cell: (row) => (row.dueDate ? format.date(row.dueDate) : '—') },
    { header: t('ledgerFiles.import.branch'), cell: (row) => row.branch ?? '—' },
  ];
  return <ImportRowsTable rows={answer.rows} applied={answer.applied} columns={columns} />;
}

/**
 * 从 Excel 导入: a partner editor's commitments from a workbook (the template, or the ledger's
 * export): the file is checked first (a dry run: every row's outcome and problems); nothing is
 * written until the editor confirms, and then every new row or none.
 */
export function ImportPage() {
  const { t, lang } = useI18n();
  const scope = useEditorScope();
  const { session } = useSession();
  const token = session?.token ?? '';
  const [allianceId, setAllianceId] = useState(scope.alliances[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<ImportAnswer | null>(null);
  const [done, setDone] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<LedgerFilesError | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await importFile(file, token, { allianceId, dryRun, publish });
      if (dryRun || !answer.applied) {
        setChecked(answer);
        setDone(null);
      } else {
        setDone(answer);
        setChecked(null);
      }
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : new LedgerFilesError(0, 'UNKNOWN', null, null, String(failure)));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setChecked(null);
    setDone(null);
    setError(null);
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };
  const template = async () => {
    setError(null);
    try {
      await downloadFile('/ledger/import-template.xlsx', token, 'import-template.xlsx');
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : null);
    }
  };

  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/my/commitments">{t('editor.commitments.title')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h1>{t('ledgerFiles.import.title')}</h1>
          <p className="page__lead">{t('ledgerFiles.import.lead', { partner: scope.partnerName, kind: textOf(scope.kind.label, lang) })}</p>
        </div>
        <button type="button" className="button" data-testid="download-template" onClick={template}>
          {t('ledgerFiles.import.template')}
        </button>
      </header>
      <form className="form form--panel" onSubmit={check}>
        <div className="form__grid">
          <Field label={t('ledgerFiles.import.alliance')} required>
            {(control) => (
              <select
                {...control}
                name="alliance"
                value={allianceId}
                onChange={(event) => {
                  setAllianceId(event.target.value);
                  reset();
                }}
              >
                {scope.alliances.map((alliance) => (
                  <option key={alliance.id} value={alliance.id}>
                    {alliance.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('ledgerFiles.import.file')} hint={t('ledgerFiles.import.fileHint')} required>
            {(control) => (
              <input
                {...control}
                type="file"
                name="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  reset();
                }}
              />
            )}
          </Field>
        </div>
        <label className="filters__control filters__control--check">
          <input type="checkbox" name="publish" checked={publish} onChange={(event) => setPublish(event.target.checked)} />
          <span>{t('ledgerFiles.import.publish')}</span>
        </label>
        <p className="field__hint">{t('ledgerFiles.import.rules')}</p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!file || busy} data-action="check">
            {t('ledgerFiles.import.check')}
          </button>
        </div>
      </form>
      {busy ? <Loading /> : null}
      <LedgerFilesNotice error={error} />
      {checked ? (
        <div className="import-result" data-testid="import-check">
          <Notice tone={checked.invalid > 0 ? 'warning' : 'info'}>
            {t(checked.dryRun ? 'ledgerFiles.import.checked' : 'ledgerFiles.import.refused', {
              created: checked.created,
              existing: checked.existing,
              invalid: checked.invalid,
              skipped: checked.skipped,
            })}
          </Notice>
          <ImportTable answer={checked} />
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              data-action="confirm"
              disabled={busy || checked.invalid > 0 || checked.created === 0}
              onClick={() => void run(false)}
            >
              {t(publish ? 'ledgerFiles.import.confirmPublish' : 'ledgerFiles.import.confirm', { count: checked.created })}
            </button>
            {checked.invalid > 0 ? <span className="field__hint">{t('ledgerFiles.import.fixFirst')}</span> : null}
            {checked.invalid === 0 && checked.created === 0 ? (
              <span className="field__hint">{t('ledgerFiles.import.nothingNew')}</span>
            ) : null}
          </div>
        </div>
      ) : null}
      {done ? (
        <div className="import-result" data-testid="import-done">
          <Notice tone="success">
            {t(done.publish ? 'ledgerFiles.import.donePublished' : 'ledgerFiles.import.done', {
              created: done.created,
              existing: done.existing,
            })}{' '}
            <Link to="/my/commitments">{t('ledgerFiles.import.toList')}</Link>
          </Notice>
          <ImportTable answer={done} />
        </div>
      ) : null}
    </section>
  );
}
