// « Dispenses d'adhésion »: the company's dispenses in force with their legal case and end.
import { Hono } from "hono";
import { listDispenses } from "../../../core/employeur/dispenses.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { AppEnv } from "../../env.ts";
import { employerScope } from "../../middleware/employer.ts";
import { DispensesPage } from "../../views/employeur/dispenses-page.tsx";
import { renderPage } from "../../views/page.tsx";

export const dispensesRoutes = new Hono<AppEnv>().get("/dispenses", async (c) => {
	const { db, clock } = c.get("deps");
	const dispenses = await listDispenses(db, employerScope(c).companyId, parisDayOf(clock()));
	return renderPage(c, { title: "Dispenses d'adhésion" }, <DispensesPage dispenses={dispenses} />);
});
