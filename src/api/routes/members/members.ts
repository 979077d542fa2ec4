/** Members of a practice (list; owners change roles and remove) and its invitations (owners). */
import { createInvitation, listInvitations, revokeInvitation } from '../../../app/invitations.ts';
import { changeMemberRole, listMembersOf, removeMember } from '../../../app/members.ts';
import type { Deps } from '../../context.ts';
import {
  errors,
  json,
  jsonBody,
  okSchema,
  practiceErrors,
  practiceParams,
} from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import {
  createdInvitationSchema,
  invitationListSchema,
  invitationParams,
  memberListSchema,
  memberParams,
  memberSchema,
  newInvitationBody,
  roleBody,
} from './schema.ts';

const tags = ['members'];

const list = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/members',
  tags,
  summary: 'The members of the practice and their roles',
  request: { params: practiceParams },
  responses: { 200: json(memberListSchema, 'Members, owners first'), ...errors(...practiceErrors) },
});

const changeRole = defineRoute('manage', {
  method: 'patch',
  path: '/api/practices/{practiceId}/members/{userId}',
  tags,
  summary: "Change a member's role (owners; a practice keeps at least one owner)",
  request: { params: memberParams, body: jsonBody(roleBody) },
  responses: { 200: json(memberSchema, 'The member'), ...errors(400, ...practiceErrors, 409) },
});

const remove = defineRoute('read', {
  method: 'delete',
  path: '/api/practices/{practiceId}/members/{userId}',
  tags,
  summary: 'Remove a member (owners), or leave the practice (your own id)',
  request: { params: memberParams },
  responses: { 200: json(okSchema, 'Removed'), ...errors(...practiceErrors, 409) },
});

const invitations = defineRoute('manage', {
  method: 'get',
  path: '/api/practices/{practiceId}/invitations',
  tags,
  summary: 'Invitations not yet accepted (owners)',
  request: { params: practiceParams },
  responses: {
    200: json(invitationListSchema, 'Pending invitations'),
    ...errors(...practiceErrors),
  },
});

const invite = defineRoute('manage', {
  method: 'post',
  path: '/api/practices/{practiceId}/invitations',
  tags,
  summary: 'Invite someone by link with a role (owners); the token is shown once',
  request: { params: practiceParams, body: jsonBody(newInvitationBody) },
  responses: {
    201: json(createdInvitationSchema, 'The invitation and its link'),
    ...errors(400, ...practiceErrors),
  },
});

const revoke = defineRoute('manage', {
  method: 'delete',
  path: '/api/practices/{practiceId}/invitations/{invitationId}',
  tags,
  summary: 'Revoke an invitation (owners)',
  request: { params: invitationParams },
  responses: { 200: json(okSchema, 'Revoked'), ...errors(...practiceErrors) },
});

export function memberRoutes(deps: Deps) {
  return router()
    .openapi(list, async (c) =>
      c.json({ items: await listMembersOf(deps.store, c.get('access')) }, 200),
    )
    .openapi(changeRole, async (c) =>
      c.json(
        await changeMemberRole(
          deps.store,
          c.get('access'),
          Number(c.req.valid('param').userId),
          c.req.valid('json').role,
        ),
        200,
      ),
    )
    .openapi(remove, async (c) => {
      await removeMember(deps.store, c.get('access'), Number(c.req.valid('param').userId));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(invitations, async (c) =>
      c.json({ items: await listInvitations(deps.store, c.get('access'), deps.now()) }, 200),
    )
    .openapi(invite, async (c) => {
      const created = await createInvitation(
        deps.store,
        c.get('access'),
        c.req.valid('json'),
        deps.now(),
      );
      return c.json({ ...created, path: `/invitations/${created.token}` }, 201);
    })
    .openapi(revoke, async (c) => {
      await revokeInvitation(deps.store, c.get('access'), c.req.valid('param').invitationId);
      return c.json({ ok: true as const }, 200);
    });
}
