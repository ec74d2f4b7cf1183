// Why an administrator could not be invited or have a role changed, in the words and HTTP
// statuses that the page (administrateurs.tsx) and the API (api/employeur/administration.ts)
// both answer: one table, so that the two never say it differently.
import type { InviteResult, RoleChangeResult } from "../../../core/employeur/administrators.ts";

type Reason<R> = R extends { readonly ok: false; readonly reason: infer K extends string } ? K : never;

export const INVITATION_PROBLEMS = {
	not_principal: [403, "Seul l'administrateur principal invite des administrateurs."],
	email_taken: [409, "Cette adresse est déjà celle d'un administrateur de votre entreprise."],
	rate_limited: [429, "Trop d'invitations envoyées aujourd'hui. Réessayez demain."],
} as const satisfies Record<Reason<InviteResult>, readonly [number, string]>;

export const ROLE_CHANGE_PROBLEMS = {
	same_role: [400, "Cet administrateur a déjà ce rôle."],
	revoked: [409, "L'accès de cet administrateur est révoqué : son rôle ne change plus."],
	not_principal: [403, "Seul l'administrateur principal change le rôle des administrateurs."],
	not_found: [404, "Cet administrateur n'existe pas."],
} as const satisfies Record<Reason<RoleChangeResult>, readonly [number, string]>;
