import { RecordList } from '../../components/records/RecordList.tsx';
import { TIME_FIELDS } from './specs.ts';

export default function TimeScene() {
  return (
    <RecordList
      title="Time"
      noun="time entry"
      resource="time-entries"
      fields={TIME_FIELDS}
      defaultSort="-date"
      searchLabel="Note, channel or activity"
      dateRange
      addLabel="Log time"
    />
  );
}
