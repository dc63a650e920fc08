import { Navigate, Route, Routes } from 'react-router';
import { CloseoutPage } from '../features/closeout/closeout-page';
import { ConflictReviewPage } from '../features/conflicts/conflict-review-page';
import { SyncPage } from '../features/conflicts/sync-page';
import { DoubleCoveragePage } from '../features/corrections/double-coverage-page';
import { LapseWorklistPage } from '../features/lapse-worklist/lapse-worklist-page';
import { PaymentPage } from '../features/payments/payment-page';
import { PensionOptionsPage } from '../features/pension-options/pension-options-page';
import { ReceiptPage } from '../features/payments/receipt-page';
import { PersonDetailPage } from '../features/person-detail/person-detail-page';
import { PolicyPacksPage } from '../features/policy-packs/policy-packs-page';
import { PersonsPage } from '../features/persons/persons-page';
import { EditPage } from '../features/register/edit-page';
import { RegisterPage } from '../features/register/register-page';
import { ResumptionPage } from '../features/resumption/resumption-page';
import { SettingsPage } from '../features/settings/settings-page';
import { StatementPage } from '../features/statement/statement-page';
import { PersonTopUpPage } from '../features/top-ups/person-top-up-page';
import { TopUpsPage } from '../features/top-ups/top-ups-page';
import { TransferInPage } from '../features/transfer-in/transfer-in-page';

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
      <Route path="/persons/:id/options" element={<PensionOptionsPage />} />
      <Route path="/persons/:id/transfer-in" element={<TransferInPage />} />
      <Route path="/persons/:id/resume" element={<ResumptionPage />} />
      <Route path="/payments/:id/receipt" element={<ReceiptPage />} />
      <Route path="/double-coverage" element={<DoubleCoveragePage />} />
      <Route path="/top-ups" element={<TopUpsPage />} />
      <Route path="/lapsed" element={<LapseWorklistPage />} />
      <Route path="/persons/:id/top-up" element={<PersonTopUpPage />} />
      <Route path="/persons/:id/statement/:scheme" element={<StatementPage />} />
      <Route path="/policy-packs" element={<PolicyPacksPage />} />
      <Route path="/closeout" element={<CloseoutPage />} />
      <Route path="/sync" element={<SyncPage />} />
      <Route path="/conflicts/:id" element={<ConflictReviewPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/register" replace />} />
    </Routes>
  );
}
