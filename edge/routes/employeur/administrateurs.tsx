// « Administrateurs » (ADR 0034): every administrator sees their role; the main administrator
// lists the company's administrators, invites one with a role (core/employeur/administrators.ts
// e-mails the identifier and the activation link) and revokes one, which ends their sessions at
// once. requireEmployer already refused these writes to any other role (employer-roles.ts).
import { Hono } from "hono";
import { z } from "zod";
import {
	administratorNameSchema,
	changeAdministratorRole,
	employerRoleNames,
	inviteAdministrator,
	listAdministratorActions,
	listAdministrators,
	revokeAdministrator,
} from "../../../core/employeur/administrators.ts";
import { emailAddressSchema } from "../../../core/sign-up.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { employerRole, employerScope } from "../../middleware/employer.ts";
import { ADMINISTRATEURS_PATH, AdministrateursPage } from "../../views/employeur/administrateurs-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";
import { INVITATION_PROBLEMS, ROLE_CHANGE_PROBLEMS } from "./administrator-problems.ts";

const TITLE = "Administrateurs";

const inviteSchema = z.strictObject({
	prenom: administratorNameSchema("Le prénom"),
	nom: administratorNameSchema("Le nom"),
	email: emailAddressSchema,
	role: z.enum(employerRoleNames, "Choisissez le rôle de la personne invitée."),
});

const NOTICES: Record<string, string> = {
	invitation:
		"L'invitation est envoyée : la personne a reçu son identifiant et un lien pour choisir son mot de passe.",
	revocation: "L'accès est révoqué : ses sessions sont fermées et elle ne peut plus se connecter.",
	role: "Le rôle est changé : il s'applique dès la prochaine page que la personne ouvre.",
};

const roleSchema = z.strictObject({
	role: z.enum(employerRoleNames, "Choisissez le nouveau rôle parmi ceux proposés."),
});

export const administrateursRoutes = new Hono<AppEnv>()
	.get("/administrateurs", async (c) => {
		const role = employerRole(c);
		const { db } = c.get("deps");
		const { companyId } = employerScope(c);
		const principal = role === "principal";
		const notice = NOTICES[c.req.query("fait") ?? ""];
		return renderPage(
			c,
			{ title: TITLE },
			<AdministrateursPage
				role={role}
				administrators={principal ? await listAdministrators(db, companyId) : undefined}
				journal={principal ? await listAdministratorActions(db, companyId) : undefined}
				notice={notice}
			/>,
		);
	})
	.post("/administrateurs", async (c) => {
		const scope = employerScope(c);
		const { db, clock, config, randomBytes } = c.get("deps");
		const form = await parseForm(c, inviteSchema);
		const page = async (errors: FieldErrors, status: 400 | 403 | 409 | 429 = 400) =>
			renderPage(
				c,
				{ title: TITLE, status },
				<AdministrateursPage
					role={employerRole(c)}
					administrators={await listAdministrators(db, scope.companyId)}
					values={form.values}
					errors={errors}
				/>,
			);
		if (!form.ok) return page(form.errors);
		const result = await inviteAdministrator(db, {
			scope,
			role: form.data.role,
			firstName: form.data.prenom,
			lastName: form.data.nom,
			email: form.data.email,
			now: clock(),
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.redirect(`${ADMINISTRATEURS_PATH}?fait=invitation`, 303);
		if (result.reason === "rate_limited") c.header("Retry-After", String(result.retryAfterSeconds));
		const [status, message] = INVITATION_PROBLEMS[result.reason];
		return page(result.reason === "email_taken" ? { email: message } : { _form: message }, status);
	})
	.post("/administrateurs/:id/revocation", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const { db, clock } = c.get("deps");
		const result = await revokeAdministrator(db, {
			scope: employerScope(c),
			accountId: id,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		if (!result.ok && result.reason !== "already_revoked") return c.notFound();
		return c.redirect(`${ADMINISTRATEURS_PATH}?fait=revocation`, 303);
	})
	.post("/administrateurs/:id/role", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const form = await parseForm(c, roleSchema);
		if (!form.ok) throw httpError(400, "Choisissez le nouveau rôle parmi ceux proposés.");
		const { db, clock } = c.get("deps");
		const result = await changeAdministratorRole(db, {
			scope: employerScope(c),
			accountId: id,
			role: form.data.role,
			now: clock(),
			correlationId: c.get("requestId"),
		});
		if (result.ok) return c.redirect(`${ADMINISTRATEURS_PATH}?fait=role`, 303);
		// Another company's administrator, or one the guard let through: the page says nothing of it.
		if (result.reason === "not_found" || result.reason === "not_principal") return c.notFound();
		const [status, message] = ROLE_CHANGE_PROBLEMS[result.reason];
		throw httpError(status, message);
	});
