/** Schemas of accounts, sessions and the first-run setup. */
import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH } from '../../../app/passwords.ts';

export const email = z
  .string()
  .trim()
  .max(254)
  .email('expected an email address')
  .openapi({ example: 'ana@example.com' });
const password = z
  .string()
  .max(PASSWORD_MAX_LENGTH, `use at most ${PASSWORD_MAX_LENGTH} characters`)
  .openapi({ example: 'a long passphrase', format: 'password' });

export const roleSchema = z.enum(['owner', 'editor', 'advisor']).openapi('Role');

export const userSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string().nullable() })
  .openapi('User');

export const myPracticeSchema = z
  .object({ id: z.number().int(), name: z.string(), currency: z.string(), role: roleSchema })
  .openapi('MyPracticeRef');

export const signUpBody = z
  .object({
    email,
    password,
    name: z.string().trim().max(200).nullish(),
    /** An invitation token to accept right away. */
    invitation: z.string().min(1).max(200).optional(),
  })
  .openapi('SignUp');

export const signInBody = z
  .object({ email, password: z.string().max(PASSWORD_MAX_LENGTH) })
  .openapi('SignIn');

export const signedInSchema = z
  .object({
    user: userSchema,
    /** Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    expiresAt: z.string(),
    practices: z.array(myPracticeSchema),
  })
  .openapi('Session');

export const setupStatusSchema = z.object({ needsSetup: z.boolean() }).openapi('SetupStatus');

export const setupBody = z
  .object({
    email,
    password,
    name: z.string().trim().max(200).nullish(),
    /** Write the demo practice when the database holds none (default true). */
    demo: z.boolean().optional(),
  })
  .openapi('Setup');

export const setupResultSchema = signedInSchema
  .extend({ demoCreated: z.boolean() })
  .openapi('SetupResult');

export const invitationTokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const invitationPreviewSchema = z
  .object({
    practice: z.object({ name: z.string() }),
    role: roleSchema,
    email: z.string().nullable(),
    expiresAt: z.string(),
  })
  .openapi('InvitationPreview');

export const acceptedSchema = z
  .object({ practice: z.object({ id: z.number().int(), name: z.string() }), role: roleSchema })
  .openapi('InvitationAccepted');
