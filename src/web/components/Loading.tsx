/** A centred spinner, announced to screen readers by its (hidden) text. */
import { Center, Loader } from '@mantine/core';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center mih={200} role="status" aria-live="polite">
      <Loader aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </Center>
  );
}
