import { RecordList } from '../../components/records/RecordList.tsx';
import { PAYMENT_FIELDS } from './specs.ts';

export default function PaymentsScene() {
  return (
    <RecordList
      title="Payments"
      noun="payment"
      resource="payments"
      fields={PAYMENT_FIELDS}
      defaultSort="-date"
      searchLabel="Note, external id or currency"
      dateRange
    />
  );
}
