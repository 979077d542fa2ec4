import { RecordList } from '../../components/records/RecordList.tsx';
import { CLIENT_FIELDS } from './specs.ts';

export default function ClientsScene() {
  return (
    <RecordList
      title="Clients"
      noun="client"
      resource="clients"
      fields={CLIENT_FIELDS}
      defaultSort="name"
      searchLabel="Name, email, segment or source"
    />
  );
}
