import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiProvider } from './api/ApiProvider.tsx';
import { AppRoutes } from './app/AppRoutes.tsx';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { PartnerKindsProvider } from './kinds/PartnerKindsProvider.tsx';
import './styles/base.css';
import './styles/cobuild.css';
import './styles/forms.css';
import './styles/ledger-files.css';
import './styles/ledger.css';
import './styles/wall.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <ApiProvider>
          <PartnerKindsProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </PartnerKindsProvider>
        </ApiProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
