// `/adherent/verifications-droits`: who checked my rights (issue 13), scoped by the member.
import { Hono } from "hono";
import { listRightsChecksOfMember } from "../../../core/professionnel/rights-history.ts";
import type { AppEnv } from "../../env.ts";
import { memberScope } from "../../middleware/member.ts";
import { RightsChecksPage } from "../../views/adherent/verifications-droits.tsx";
import { renderPage } from "../../views/page.tsx";

export const verificationsDroitsRoutes = new Hono<AppEnv>().get("/verifications-droits", async (c) => {
	const { memberId } = memberScope(c);
	const checks = await listRightsChecksOfMember(c.get("deps").db, memberId);
	return renderPage(c, { title: "Vérifications de mes droits" }, <RightsChecksPage checks={checks} />);
});
