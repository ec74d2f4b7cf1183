// One search, two answers: the list (`/reseau`) and the map (`/reseau/carte`) parse the same
// query, count against the same allowance and answer a wrong search with the same page; only
// the page of results differs.
import type { Context } from "hono";
import { memberScopeOf } from "../../../core/adherent/member.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { RateLimitResult } from "../../../core/rate-limit.ts";
import { getMemberNetworkOffers, type MemberOffers } from "../../../core/reseau/member-offers.ts";
import { consumeSearchAllowance, runSearch, type SearchOutcome } from "../../../core/reseau/search.ts";
import { parseSearchInput } from "../../../core/reseau/search-input.ts";
import type { Specialty } from "../../../core/reseau/specialties.ts";
import type { AppEnv } from "../../env.ts";
import { requestIpKey } from "../../lib/client-address.ts";
import { renderPage } from "../../views/page.tsx";
import { SearchPage } from "../../views/reseau/search-page.tsx";

export const TITLE = "Trouver un professionnel";

export type FoundOutcome = Extract<SearchOutcome, { kind: "results" }>;

/** The signed-in adhérent's offers in the network, or null for anyone else. */
export async function offersOf(c: Context<AppEnv>): Promise<MemberOffers | null> {
	const auth = c.get("auth");
	const scope = auth ? memberScopeOf(auth) : null;
	if (!scope) return null;
	const { db, clock } = c.get("deps");
	return getMemberNetworkOffers(db, scope.memberId, parisDayOf(clock()));
}

/** One search (or one professional's page) counted against the client's allowance. */
export function consumeAllowance(c: Context<AppEnv>): Promise<RateLimitResult> {
	const { db, clock, config } = c.get("deps");
	return consumeSearchAllowance(db, requestIpKey(c, config.sessionPepper), clock());
}

/** The 429 page when the client has used up its allowance; null while it may go on. */
export async function refuseOverLimit(c: Context<AppEnv>): Promise<Response | null> {
	const allowance = await consumeAllowance(c);
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

/** Runs the search of the query string; `onResults` renders a found place's page. */
export async function answerSearch(
	c: Context<AppEnv>,
	onResults: (
		outcome: FoundOutcome,
		common: { readonly text: string; readonly specialty: Specialty | null },
	) => Promise<Response>,
): Promise<Response> {
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
		case "results":
			return onResults(outcome, common);
	}
}
