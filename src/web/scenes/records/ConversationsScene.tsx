import { Stack } from '@mantine/core';
import { RecordList } from '../../components/records/RecordList.tsx';
import { useCanEdit } from '../../hooks/practice.ts';
import { QuickConversation } from './QuickConversation.tsx';
import { CONVERSATION_FIELDS } from './specs.ts';

export default function ConversationsScene() {
  const canEdit = useCanEdit();
  return (
    <Stack gap="lg">
      {canEdit && <QuickConversation />}
      <RecordList
        title="Sales conversations"
        noun="conversation"
        resource="conversations"
        fields={CONVERSATION_FIELDS}
        defaultSort="-date"
        searchLabel="Prospect, channel or outcome"
        dateRange
        intro="Enrolled and declined conversations give the close rate behind the “more conversations” lever."
      />
    </Stack>
  );
}
