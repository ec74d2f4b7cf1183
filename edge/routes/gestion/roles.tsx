// « Rôles » (admin only): the staff accounts and the change of one's role, through
// core/gestion/staff-roles.ts (which refuses an admin's own demotion and the last admin's).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { changeStaffRole, listStaffMembers } from "../../../core/gestion/staff-roles.ts";
import { staffRoleNames } from "../../../schema/tables/index.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { RolesPage } from "../../views/gestion/roles.tsx";
import { renderPage } from "../../views/page.tsx";

const roleForm = z.object({
	role: z.enum([...staffRoleNames, "aucun"], { error: "Choisissez un rôle." }),
});

const REFUSALS = {
	own_admin_role:
		"Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.",
	last_admin: "C'est le dernier administrateur : donnez d'abord ce rôle à un autre compte.",
} as const;

async function showRoles(
	c: Context<AppEnv>,
	options: { status?: 200 | 400 | 409; errors?: FieldErrors } = {},
) {
	const { db } = c.get("deps");
	return renderPage(
		c,
		{ title: "Rôles", status: options.status ?? 200 },
		<RolesPage
			members={await listStaffMembers(db)}
			selfAccountId={staffActor(c).accountId}
			notice={c.req.query("fait") === "1" ? "Rôle enregistré." : undefined}
			errors={options.errors ?? {}}
		/>,
	);
}

export const rolesRoutes = new Hono<AppEnv>()
	.use("/roles", requireArea("roles"))
	.use("/roles/*", requireArea("roles"))
	.get("/roles", (c) => showRoles(c))
	.post("/roles/:identifier", async (c) => {
		const { db, clock } = c.get("deps");
		const form = await parseForm(c, roleForm);
		if (!form.ok) return showRoles(c, { status: 400, errors: form.errors });
		const result = await changeStaffRole(db, {
			identifier: c.req.param("identifier"),
			role: form.data.role === "aucun" ? null : form.data.role,
			now: clock(),
			actor: staffActor(c),
		});
		if (!result.ok) {
			if (result.reason === "unknown_account") return c.notFound();
			return showRoles(c, { status: 409, errors: { _form: REFUSALS[result.reason] } });
		}
		return c.redirect("/gestion/roles?fait=1", 303);
	});
