import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { bundleJsonSchemaText } from './bundle-json-schema.ts';

it('the published schema/bundle.v1.json is the one generated from the zod schema (run `npm run schema`)', () => {
  const published = readFileSync(new URL('../../schema/bundle.v1.json', import.meta.url), 'utf8');
  expect(published).toBe(bundleJsonSchemaText());
});
