import { RecordList } from '../../components/records/RecordList.tsx';
import { COST_FIELDS } from './specs.ts';

export default function CostsScene() {
  return (
    <RecordList
      title="Costs"
      noun="cost"
      resource="costs"
      fields={COST_FIELDS}
      defaultSort="-date"
      searchLabel="Category, channel or currency"
      dateRange
    />
  );
}
