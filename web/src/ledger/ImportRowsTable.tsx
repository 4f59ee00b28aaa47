import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import type { ImportIssue } from './ledger-files.ts';

const outcomeTone: Record<string, string> = { CREATE: 'is-new', EXISTS: 'is-existing', INVALID: 'is-invalid', SKIPPED: 'is-skipped' };

/** A row of an import's answer, whatever it imports. */
export interface ImportTableRow {
  readonly line: number;
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID' | 'SKIPPED';
  readonly issues: readonly ImportIssue[];
}

/** A column of the facts a row was read with (its title, category …). */
export interface ImportTableColumn<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
}

/**
 * The rows of an import's answer (a dry run's or the import's): each line of the file, the
 * facts read from it, what it becomes, and its problems in the reader's language. The editors'
 * commitments and the coordinator's alliance data share it.
 */
export function ImportRowsTable<Row extends ImportTableRow>({
  rows,
  applied,
  columns,
  rowKey = (row) => String(row.line),
}: {
  rows: readonly Row[];
  applied: boolean;
  columns: readonly ImportTableColumn<Row>[];
  rowKey?: (row: Row) => string;
}) {
  const { t, lang } = useI18n();
  return (
    <table className="table import-table" data-testid="import-rows">
      <thead>
        <tr>
          <th>{t('ledgerFiles.import.line')}</th>
          {columns.map((column) => (
            <th key={column.header}>{column.header}</th>
          ))}
          <th>{t('ledgerFiles.import.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={outcomeTone[row.outcome]} data-line={row.line} data-outcome={row.outcome}>
            <td data-label={t('ledgerFiles.import.line')}>{row.line}</td>
            {columns.map((column) => (
              <td key={column.header} data-label={column.header}>
                {column.cell(row)}
              </td>
            ))}
            <td data-label={t('ledgerFiles.import.outcome')}>
              <span className="import-outcome">{t(`ledgerFiles.outcome.${row.outcome}${applied ? '.done' : ''}` as MessageKey)}</span>
              {row.issues.length > 0 ? (
                <ul className="import-issues">
                  {row.issues.map((issue, index) => (
                    <li key={index} data-code={issue.code}>
                      {lang === 'zh-CN' ? issue.message.zh : issue.message.en}
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
