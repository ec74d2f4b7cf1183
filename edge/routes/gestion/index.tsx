// The back-office (/gestion) for the insurer's staff: every path needs a staff account with a
// second factor and a role (members, employers and professionals get 403); each area checks the
// role; every page view is in the audit trail (audit-trail.ts, actor "staff") and every action
// writes its own entry naming the staff member, their session and the request.
import { Hono } from "hono";
import { countWaiting } from "../../../core/gestion/overview.ts";
import type { AppEnv } from "../../env.ts";
import { requireStaff, staffActor } from "../../middleware/staff.ts";
import { GestionHome } from "../../views/gestion/home.tsx";
import { renderPage } from "../../views/page.tsx";
import { comptesRoutes } from "./comptes.tsx";
import { demandesRoutes } from "./demandes.tsx";
import { exploitationRoutes } from "./exploitation.tsx";
import { importsRoutes } from "./imports.tsx";
import { preuveRoutes } from "./preuve.tsx";
import { rolesRoutes } from "./roles.tsx";

export const gestionRoutes = new Hono<AppEnv>()
	.use("*", requireStaff())
	.get("/", async (c) => {
		const { db, clock } = c.get("deps");
		const auth = c.get("auth");
		return renderPage(
			c,
			{ title: "Espace gestion" },
			<GestionHome
				identifier={auth?.account.identifier ?? ""}
				role={staffActor(c).role}
				waiting={await countWaiting(db, clock())}
			/>,
		);
	})
	.route("/", comptesRoutes)
	.route("/", demandesRoutes)
	.route("/", preuveRoutes)
	.route("/", exploitationRoutes)
	.route("/", importsRoutes)
	.route("/", rolesRoutes);
