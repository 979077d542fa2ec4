/** Writes schema/bundle.v1.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { bundleJsonSchemaText } from '../src/domain/bundle-json-schema.ts';

writeFileSync(new URL('../schema/bundle.v1.json', import.meta.url), bundleJsonSchemaText());
console.log('wrote schema/bundle.v1.json');
