import { useI18n } from '../i18n/I18nProvider.tsx';
import { AgreementForm } from './AgreementForm.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';

/** 共建协议: the signed agreement (title, date, signatories, terms); the coordinator records or replaces it. */
export function AgreementTab() {
  const { t, format } = useI18n();
  const alliance = useAdminAlliance();
  const agreement = alliance.agreement;
  return (
    <>
      {agreement ? (
        <article className="agreement" data-testid="agreement">
          <h2>{agreement.title}</h2>
          <p className="agreement__meta">
            {t('agreement.signedOn', { date: format.date(agreement.signedOn), version: agreement.version })}
          </p>
          <h3>{t('agreement.signatories')}</h3>
          <ul className="agreement__signatories">
            {agreement.signatories.map((signatory) => (
              <li key={`${signatory.organization}-${signatory.signer}`}>
                <strong>{signatory.organization}</strong> {signatory.signer}
                {signatory.title ? `（${signatory.title}）` : ''}
              </li>
            ))}
          </ul>
          <h3>{t('agreement.terms')}</h3>
          <ol className="agreement__terms">
            {agreement.terms.map((term) => (
              <li key={term}>{term}</li>
            ))}
          </ol>
        </article>
      ) : (
        <p className="empty">{t('agreement.none')}</p>
      )}
      {agreement ? (
        <details className="form-toggle">
          <summary>{t('agreement.replace')}</summary>
          <AgreementForm key={agreement.version} alliance={alliance} />
        </details>
      ) : (
        <AgreementForm alliance={alliance} />
      )}
    </>
  );
}
