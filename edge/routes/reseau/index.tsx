// `/reseau`: the finder of the Kalixia network's professionals, public (anyone may look for an
// approved optician); a signed-in adhérent also sees what their own contract gives them there.
// Every search and every professional's page counts against the client's allowance (rate
// limit): the directory is the insurer's, and article 6 of the CGU forbids harvesting it.
import { Hono } from "hono";
import { parisDayOf } from "../../../core/format.ts";
import { getDirectoryEntry } from "../../../core/reseau/directory.ts";
import type { AppEnv } from "../../env.ts";
import { httpError } from "../../lib/http-errors.ts";
import { RESEAU_PERMISSIONS_POLICY } from "../../lib/security-headers.ts";
import { renderPage } from "../../views/page.tsx";
import { MAP_PATH } from "../../views/reseau/map-page.tsx";
import { ProfessionalPage } from "../../views/reseau/professional-page.tsx";
import { RESEAU_PATH, SearchPage } from "../../views/reseau/search-page.tsx";
import { aroundMeRoutes } from "./around-me.tsx";
import { mapRoutes } from "./map.tsx";
import { answerSearch, offersOf, refuseOverLimit, TITLE } from "./search-answer.tsx";

export const reseauRoutes = new Hono<AppEnv>()
	.use(async (c, next) => {
		await next();
		c.res.headers.set("Permissions-Policy", RESEAU_PERMISSIONS_POLICY);
	})
	.get("/", (c) =>
		answerSearch(c, async (outcome, common) => {
			const found = {
				label: outcome.label,
				page: outcome.page,
				pageHref: (page: number) => `${RESEAU_PATH}?${outcome.query}${page > 1 ? `&page=${page}` : ""}`,
				mapHref: `${MAP_PATH}?${outcome.query}${outcome.page.page > 1 ? `&page=${outcome.page.page}` : ""}`,
			};
			const title = `${TITLE} près de ${outcome.label}${outcome.page.page > 1 ? `, page ${outcome.page.page}` : ""}`;
			return renderPage(c, { title }, <SearchPage {...common} found={found} offers={await offersOf(c)} />);
		}),
	)
	.route("/carte", mapRoutes)
	.get("/professionnels/:id{[0-9]{1,9}}", async (c) => {
		const refused = await refuseOverLimit(c);
		if (refused) return refused;
		const { db, clock } = c.get("deps");
		const entry = await getDirectoryEntry(db, Number(c.req.param("id")), parisDayOf(clock()));
		if (!entry) throw httpError(404, "Ce professionnel ne fait pas partie du réseau Kalixia.");
		return renderPage(
			c,
			{ title: entry.name },
			<ProfessionalPage entry={entry} offers={await offersOf(c)} />,
		);
	})
	.route("/", aroundMeRoutes);
