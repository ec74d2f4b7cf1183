// « Droits d'un adhérent »: the form (member number, beneficiary's birth date, date of care, today
// by default) and its answer, by POST so that no birth date ends up in an address, a log or the
// browser's history. Bad input answers 400 in French and checks nothing; the practice's limit
// answers 429 with Retry-After. `/professionnel/carte/<jeton>`: the card's QR code, opened by a
// signed-in practice only (a visitor signs in first and comes back here).
import { type Context, Hono } from "hono";
import { z } from "zod";
import { addDays, parisDay } from "../../../core/calendar.ts";
import { openCardToken } from "../../../core/professionnel/card-access.ts";
import { checkRights, type RightsActor, rightsCheckSettingsOf } from "../../../core/professionnel/rights.ts";
import type { RightsCheckChannel } from "../../../schema/tables/index.ts";
import { parseForm } from "../../lib/form.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import { renderPage } from "../../views/page.tsx";
import { CardRightsPage, RightsFormPage } from "../../views/professionnel/rights.tsx";

const TITLE = "Droits d'un adhérent";
/** How far from today a date of care may be: invoices older than two years are time-barred. */
const CARE_DATE_PAST_DAYS = 2 * 366;
const CARE_DATE_FUTURE_DAYS = 90;

export const memberNumberSchema = z
	.string()
	.trim()
	.regex(/^\d{1,20}$/, "Saisissez le numéro d'adhérent en chiffres, tel qu'il figure sur la carte.");

/** The form's fields, and the rules on the dates that depend on today. */
export function rightsQuerySchema(today: string) {
	return z.strictObject({
		numeroAdherent: memberNumberSchema,
		naissance: z.iso
			.date("Saisissez une date de naissance valide, par exemple 27 3 1980.")
			.refine((day) => day <= today, "La date de naissance ne peut pas être dans le futur."),
		soins: z.iso
			.date("Saisissez une date des soins valide, par exemple 27 3 2026.")
			.refine(
				(day) => day >= addDays(today, -CARE_DATE_PAST_DAYS) && day <= addDays(today, CARE_DATE_FUTURE_DAYS),
				"La date des soins doit être comprise entre il y a deux ans et dans trois mois.",
			),
	});
}

export function rightsActor(c: Context<PracticeEnv>, channel: RightsCheckChannel): RightsActor {
	const { clock, config } = c.get("deps");
	return {
		scope: practiceScope(c),
		channel,
		correlationId: c.get("requestId"),
		now: clock(),
		...rightsCheckSettingsOf(config),
	};
}

export const droitsRoutes = new Hono<PracticeEnv>()
	.get("/droits", (c) => {
		const today = parisDay(c.get("deps").clock());
		return renderPage(c, { title: TITLE }, <RightsFormPage values={{ soins: today }} />);
	})
	.post("/droits", async (c) => {
		const { db, clock } = c.get("deps");
		const today = parisDay(clock());
		const form = await parseForm(c, rightsQuerySchema(today));
		if (!form.ok)
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<RightsFormPage values={form.values} errors={form.errors} />,
			);
		const { numeroAdherent, naissance, soins } = form.data;
		const result = await checkRights(db, rightsActor(c, "form"), {
			memberNumber: numeroAdherent,
			birthDate: naissance,
			careDate: soins,
		});
		if (result.ok)
			return renderPage(c, { title: TITLE }, <RightsFormPage values={form.values} rights={result.rights} />);
		if (result.reason === "rate_limited")
			return renderPage(
				c,
				{ title: TITLE, status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
				<RightsFormPage
					values={form.values}
					errors={{
						_form: `Votre cabinet a fait trop de vérifications en peu de temps. Réessayez dans ${Math.ceil(result.retryAfterSeconds / 60)} minute(s).`,
					}}
				/>,
			);
		return renderPage(c, { title: TITLE }, <RightsFormPage values={form.values} refusal={result.reason} />);
	})
	.get("/carte/:token", async (c) => {
		const { db, config } = c.get("deps");
		const result = await openCardToken(db, rightsActor(c, "qr"), c.req.param("token"), config.sessionPepper);
		const title = "Droits d'un adhérent (QR code)";
		if (result.ok) return renderPage(c, { title }, <CardRightsPage rights={result.rights} />);
		if (result.reason === "rate_limited")
			return renderPage(
				c,
				{ title, status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
				<CardRightsPage refusal="rate_limited" />,
			);
		return renderPage(
			c,
			{ title, status: result.reason === "tampered" ? 400 : 410 },
			<CardRightsPage refusal={result.reason} />,
		);
	});
