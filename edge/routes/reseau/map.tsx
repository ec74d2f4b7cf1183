// `/reseau/carte`: « Afficher la carte » (ADR 0030). The page answers the same query as the list
// (same parsing, same allowance, same wrong-search pages) and adds the map; its results come as
// GeoJSON from `resultats.geojson`, which answers a wrong query in French and never lists
// without a place (article 6 of the CGU). The map's code is served by the site's build.
import { Hono } from "hono";
import { parisDayOf } from "../../../core/format.ts";
import { mapFeaturesOf } from "../../../core/reseau/map-features.ts";
import { runSearch } from "../../../core/reseau/search.ts";
import { parseSearchInput } from "../../../core/reseau/search-input.ts";
import type { AppEnv } from "../../env.ts";
import { mapContentSecurityPolicy } from "../../lib/security-headers.ts";
import { renderPage } from "../../views/page.tsx";
import { MapPage } from "../../views/reseau/map-page.tsx";
import { MAP_SCRIPT, MAP_STYLESHEET } from "../../views/reseau/map-script.ts";
import { answerSearch, consumeAllowance, TITLE } from "./search-answer.tsx";

const STATIC_HEADERS = { "Cache-Control": "public, max-age=3600" } as const;

export const mapRoutes = new Hono<AppEnv>()
	.get("/", (c) =>
		answerSearch(c, async (outcome, common) => {
			const { config } = c.get("deps");
			const title = `Carte : ${TITLE.toLowerCase()} près de ${outcome.label}${outcome.page.page > 1 ? `, page ${outcome.page.page}` : ""}`;
			return renderPage(
				c,
				{ title, headers: { "Content-Security-Policy": mapContentSecurityPolicy(config.mapStyleUrl) } },
				<MapPage
					label={outcome.label}
					specialty={common.specialty}
					page={outcome.page}
					query={outcome.query}
					styleUrl={config.mapStyleUrl}
				/>,
			);
		}),
	)
	.get("/resultats.geojson", async (c) => {
		const refuse = (status: 400 | 404 | 429, erreur: string) => c.json({ erreur }, status);
		const parsed = parseSearchInput(c.req.query());
		if (!parsed.ok) return refuse(400, Object.values(parsed.errors).join(" "));
		if (parsed.input.origin.kind === "none")
			return refuse(400, "Indiquez une commune, un code postal ou une position.");
		const allowance = await consumeAllowance(c);
		if (!allowance.ok) {
			c.header("Retry-After", String(allowance.retryAfterSeconds));
			return refuse(
				429,
				"Vous avez fait beaucoup de recherches en peu de temps. Réessayez dans quelques minutes.",
			);
		}
		const { db, clock } = c.get("deps");
		const outcome = await runSearch(db, parsed.input, parisDayOf(clock()));
		switch (outcome.kind) {
			case "form":
				return refuse(400, "Indiquez une commune, un code postal ou une position.");
			case "choices":
				return refuse(400, "Plusieurs communes correspondent : choisissez-en une dans la liste.");
			case "unknown-place":
				return refuse(404, `Aucune commune ne correspond à « ${parsed.input.text} ».`);
			case "results":
				return c.body(JSON.stringify(mapFeaturesOf(outcome.page)), 200, {
					"Content-Type": "application/geo+json; charset=utf-8",
					"Cache-Control": "private, no-store",
				});
		}
	})
	.get("/carte.js", (c) =>
		c.body(MAP_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8", ...STATIC_HEADERS }),
	)
	.get("/carte.css", (c) =>
		c.body(MAP_STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8", ...STATIC_HEADERS }),
	);
