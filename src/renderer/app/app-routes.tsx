import { Navigate, Route, Routes } from 'react-router';
import { SyncPage } from '../features/conflicts/sync-page';
import { PaymentPage } from '../features/payments/payment-page';
import { ReceiptPage } from '../features/payments/receipt-page';
import { PersonDetailPage } from '../features/person-detail/person-detail-page';
import { PolicyPacksPage } from '../features/policy-packs/policy-packs-page';
import { PersonsPage } from '../features/persons/persons-page';
import { EditPage } from '../features/register/edit-page';
import { RegisterPage } from '../features/register/register-page';
import { SettingsPage } from '../features/settings/settings-page';

/** Hash routes (#/persons/…): work the same under app:// and http, with no server-side routing. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/register" replace />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/persons" element={<PersonsPage />} />
      <Route path="/persons/:id" element={<PersonDetailPage />} />
      <Route path="/persons/:id/edit" element={<EditPage />} />
      <Route path="/persons/:id/pay" element={<PaymentPage />} />
      <Route path="/payments/:id/receipt" element={<ReceiptPage />} />
      <Route path="/policy-packs" element={<PolicyPacksPage />} />
      <Route path="/sync" element={<SyncPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/register" replace />} />
    </Routes>
  );
}
