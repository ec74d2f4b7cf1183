// `/reseau`: the finder of the Kalixia network's professionals, public (anyone may look for an
// approved optician); a signed-in adhérent also sees what their own contract gives them there.
// Every search and every professional's page counts against the client's allowance (rate
// limit): the directory is the insurer's, and article 6 of the CGU forbids harvesting it.
import type { Context } from "hono";
import { Hono } from "hono";
import { memberScopeOf } from "../../../core/adherent/member.ts";
import { parisDayOf } from "../../../core/format.ts";
import { getDirectoryEntry } from "../../../core/reseau/directory.ts";
import { getMemberNetworkOffers, type MemberOffers } from "../../../core/reseau/member-offers.ts";
import { consumeSearchAllowance, runSearch } from "../../../core/reseau/search.ts";
import { parseSearchInput } from "../../../core/reseau/search-input.ts";
import type { AppEnv } from "../../env.ts";
import { requestIpKey } from "../../lib/client-address.ts";
import { httpError } from "../../lib/http-errors.ts";
import { RESEAU_PERMISSIONS_POLICY } from "../../lib/security-headers.ts";
import { renderPage } from "../../views/page.tsx";
import { ProfessionalPage } from "../../views/reseau/professional-page.tsx";
import { RESEAU_PATH, SearchPage } from "../../views/reseau/search-page.tsx";
import { aroundMeRoutes } from "./around-me.tsx";

const TITLE = "Trouver un professionnel";

/** The signed-in adhérent's offers in the network, or null for anyone else. */
async function offersOf(c: Context<AppEnv>): Promise<MemberOffers | null> {
	const auth = c.get("auth");
	const scope = auth ? memberScopeOf(auth) : null;
	if (!scope) return null;
	const { db, clock } = c.get("deps");
	return getMemberNetworkOffers(db, scope.memberId, parisDayOf(clock()));
}

/** The 429 page when the client has used up its allowance; null while it may go on. */
async function refuseOverLimit(c: Context<AppEnv>): Promise<Response | null> {
	const { db, clock, config } = c.get("deps");
	const allowance = await consumeSearchAllowance(db, requestIpKey(c, config.sessionPepper), clock());
	if (allowance.ok) return null;
	return renderPage(
		c,
		{ title: TITLE, status: 429, headers: { "Retry-After": String(allowance.retryAfterSeconds) } },
		<SearchPage
			text=""
			specialty={null}
			errors={{
				_form: "Vous avez fait beaucoup de recherches en peu de temps. Réessayez dans quelques minutes.",
			}}
		/>,
	);
}

export const reseauRoutes = new Hono<AppEnv>()
	.use(async (c, next) => {
		await next();
		c.res.headers.set("Permissions-Policy", RESEAU_PERMISSIONS_POLICY);
	})
	.get("/", async (c) => {
		const parsed = parseSearchInput(c.req.query());
		if (!parsed.ok)
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<SearchPage text={parsed.text} specialty={null} errors={parsed.errors} />,
			);
		const { input } = parsed;
		if (input.origin.kind !== "none") {
			const refused = await refuseOverLimit(c);
			if (refused) return refused;
		}
		const { db, clock } = c.get("deps");
		const outcome = await runSearch(db, input, parisDayOf(clock()));
		const common = { text: input.text, specialty: input.specialty };
		switch (outcome.kind) {
			case "form":
				return renderPage(c, { title: TITLE }, <SearchPage {...common} />);
			case "choices":
				return renderPage(c, { title: TITLE }, <SearchPage {...common} choices={outcome.places} />);
			case "unknown-place":
				return renderPage(
					c,
					{ title: TITLE, status: 404 },
					<SearchPage
						{...common}
						errors={{
							q: `Aucune commune ne correspond à « ${input.text} ». Vérifiez l'orthographe ou saisissez le code postal.`,
						}}
					/>,
				);
			case "results": {
				const found = {
					label: outcome.label,
					page: outcome.page,
					pageHref: (page: number) => `${RESEAU_PATH}?${outcome.query}${page > 1 ? `&page=${page}` : ""}`,
				};
				const title = `${TITLE} près de ${outcome.label}${outcome.page.page > 1 ? `, page ${outcome.page.page}` : ""}`;
				return renderPage(c, { title }, <SearchPage {...common} found={found} offers={await offersOf(c)} />);
			}
		}
	})
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
