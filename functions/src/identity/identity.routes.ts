import { defineRoute } from "../platform/http/route";
import {
  AcceptInviteResponse,
  CreateInviteBody,
  InviteIdParams,
  InviteResponse,
  MemberParams,
  MeResponse,
  RegisterBody,
  SetCurrentShopBody,
  ShopIdParams,
} from "./identity.schema";
import { acceptInvite, chooseCurrentShop, describeMe, inviteStaff, registerUser, removeMember } from "./identity.service";

/** Routes of accounts, roles and shop membership. */
export const identityRoutes = [
  defineRoute(
    {
      method: "post",
      path: "/v1/auth/register",
      summary: "Register an account",
      description:
        "`{email, password}` alone registers a shop owner with a first shop (the MSME client's call). " +
        "Customers send `role: \"customer\"`. Sign in with the Firebase Auth SDK afterwards to get an ID token.",
      tags: ["identity"],
      auth: "public",
      body: RegisterBody,
      responses: { 201: { description: "Registered", schema: MeResponse } },
      errors: [400, 409, 415],
    },
    async ({ body }) => ({ status: 201, body: await registerUser(body) }),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/users/me",
      summary: "The caller's profile, role and shops",
      tags: ["identity"],
      auth: "user",
      responses: { 200: { description: "Profile", schema: MeResponse } },
      errors: [],
    },
    async ({ actor }) => ({ status: 200, body: await describeMe(actor) }),
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/shops/{shopId}/invites",
      summary: "Invite staff to a shop (owner)",
      description: "The answer's `id` is the code the new staff member accepts with `POST /v1/invites/{inviteId}/accept`.",
      tags: ["identity"],
      auth: "user",
      params: ShopIdParams,
      body: CreateInviteBody,
      responses: { 201: { description: "Invite created", schema: InviteResponse } },
      errors: [400, 403, 404, 415],
    },
    async ({ actor, params, body }) => ({ status: 201, body: await inviteStaff(actor, params.shopId, body) }),
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/invites/{inviteId}/accept",
      summary: "Accept a staff invite",
      description: "Idempotent for the same user. Refresh the ID token afterwards so the security rules see the new shop.",
      tags: ["identity"],
      auth: "user",
      params: InviteIdParams,
      responses: { 200: { description: "Joined the shop", schema: AcceptInviteResponse } },
      errors: [403, 404, 409],
    },
    async ({ actor, params }) => ({ status: 200, body: await acceptInvite(actor, params.inviteId) }),
  ),
  defineRoute(
    {
      method: "put",
      path: "/v1/users/me/current-shop",
      summary: "Choose the shop your requests act on when they name none",
      description:
        "Remembered on the profile. Routes that need one shop use it when the request has neither `?shopId=` nor " +
        "`X-Shop-Id` (those still win). Until chosen, the current shop is the caller's first shop.",
      tags: ["identity"],
      auth: "user",
      body: SetCurrentShopBody,
      responses: { 200: { description: "The profile with the new current shop", schema: MeResponse } },
      errors: [400, 403, 415],
    },
    async ({ actor, body }) => ({ status: 200, body: await chooseCurrentShop(actor, body.shop_id) }),
  ),
  defineRoute(
    {
      method: "delete",
      path: "/v1/shops/{shopId}/members/{uid}",
      summary: "Remove a staff member from a shop (owner)",
      description:
        "Effective at once for the API and the security rules (both read the membership from Firestore); the user's " +
        "token claims are rewritten and their refresh tokens revoked, so they must sign in again. Owners cannot be removed.",
      tags: ["identity"],
      auth: "user",
      params: MemberParams,
      responses: { 204: { description: "Removed" } },
      errors: [403, 404],
    },
    async ({ actor, params }) => {
      await removeMember(actor, params.shopId, params.uid);
      return { status: 204 };
    },
  ),
];
