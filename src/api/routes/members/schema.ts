/** Schemas of members and invitations. */
import { z } from '@hono/zod-openapi';
import { email, roleSchema } from '../auth/schema.ts';
import { practiceParams } from '../common.schema.ts';

export const memberSchema = z
  .object({
    userId: z.number().int(),
    email: z.string(),
    name: z.string().nullable(),
    role: roleSchema,
    since: z.string(),
  })
  .openapi('Member');

export const memberListSchema = z.object({ items: z.array(memberSchema) }).openapi('MemberList');

export const memberParams = practiceParams.extend({
  userId: z
    .string()
    .regex(/^\d{1,10}$/, 'expected a user id')
    .openapi({ param: { name: 'userId', in: 'path' }, example: '2' }),
});

export const roleBody = z.object({ role: roleSchema }).strict().openapi('RoleChange');

export const newInvitationBody = z
  .object({
    role: roleSchema,
    /** Only this email may accept (optional). */
    email: email.nullish(),
    expiresInDays: z.number().int().min(1).max(30).optional(),
  })
  .strict()
  .openapi('NewInvitation');

export const invitationSchema = z
  .object({
    id: z.string(),
    role: roleSchema,
    email: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    expired: z.boolean(),
  })
  .openapi('Invitation');

export const createdInvitationSchema = invitationSchema
  .extend({
    /** The secret of the link: shown once. */
    token: z.string(),
    /** Path of the link to share (append it to the server's address). */
    path: z.string(),
  })
  .openapi('CreatedInvitation');

export const invitationListSchema = z
  .object({ items: z.array(invitationSchema) })
  .openapi('InvitationList');

export const invitationParams = practiceParams.extend({
  invitationId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'invitationId', in: 'path' } }),
});
