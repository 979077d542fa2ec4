/** A column header that sorts the list by its field (ascending, then descending). */
import { Table, UnstyledButton } from '@mantine/core';

export function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  sortKey?: string;
  sort: string;
  onSort: (sort: string) => void;
  numeric?: boolean;
}) {
  const className = numeric ? 'num' : undefined;
  if (!sortKey) {
    return (
      <Table.Th scope="col" className={className}>
        {label}
      </Table.Th>
    );
  }
  const state = sort === sortKey ? 'ascending' : sort === `-${sortKey}` ? 'descending' : 'none';
  const arrow = state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : '';
  return (
    <Table.Th scope="col" aria-sort={state} className={className}>
      <UnstyledButton
        fw={700}
        fz="sm"
        onClick={() => onSort(state === 'ascending' ? `-${sortKey}` : sortKey)}
        aria-label={`${label}: sort ${state === 'ascending' ? 'descending' : 'ascending'}`}
      >
        {label}
        {arrow}
      </UnstyledButton>
    </Table.Th>
  );
}
