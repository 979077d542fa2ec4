import { RecordList } from '../../components/records/RecordList.tsx';
import { OFFER_FIELDS } from './specs.ts';

export default function OffersScene() {
  return (
    <RecordList
      title="Offers"
      noun="offer"
      resource="offers"
      fields={OFFER_FIELDS}
      defaultSort="name"
      searchLabel="Name or kind"
      intro="Each offer is one income stream on the dashboard."
    />
  );
}
