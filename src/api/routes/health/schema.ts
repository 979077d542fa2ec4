/** The health answer. */
import { z } from '@hono/zod-openapi';

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['ok', 'unreachable']),
  })
  .openapi('Health');
