/**
 * The published JSON Schema of the bundle (`schema/bundle.v1.json`), generated from the
 * zod schema so the two cannot drift. Cross-record rules (references, rates, decimals
 * per currency) are checked by `readBundle`, not expressible here.
 */
import { z } from 'zod';
import { bundleSchema } from './bundle.ts';

export function bundleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(bundleSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://fulcrum.invalid/schema/bundle.v1.json',
    title: 'Fulcrum practice bundle, version 1',
    description:
      'One practice: offers, clients, payments, time entries, costs, conversations, list sizes and exchange rates. See spec/bundle.md.',
  };
}

/** The schema file's exact text (2-space JSON and a final newline). */
export function bundleJsonSchemaText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}
