// `/compte/donnees/demandes`: every data-protection request of the account opens here, whatever
// its right; a new one goes to the DPO with an optional attachment (core/donnees/data-requests.ts).

import type { Context } from "hono";
import { Hono } from "hono";
import { parisDay } from "../../../core/calendar.ts";
import { getDataRequest, listDataRequests, openDataRequest } from "../../../core/donnees/data-requests.ts";
import { listMinorBeneficiaries, type MinorBeneficiary } from "../../../core/donnees/minors.ts";
import { consumeRateLimit } from "../../../core/rate-limit.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { SignedInEnv } from "../../env.ts";
import {
	DataRequestFormPage,
	DataRequestListPage,
	DataRequestPage,
} from "../../views/donnees/requests-pages.tsx";
import { renderPage } from "../../views/page.tsx";
import { RIGHT_OPTIONS, readDataRequestForm } from "./request-form.ts";

const NEW_TITLE = "Faire une demande sur mes données";

/** The minor beneficiaries an adhérent may act for (none for the other spaces). */
function minorsOf(c: Context<SignedInEnv>): Promise<MinorBeneficiary[]> {
	const { account } = c.get("auth");
	const { db, clock } = c.get("deps");
	return account.memberId === null
		? Promise.resolve([])
		: listMinorBeneficiaries(db, account.memberId, parisDay(clock()));
}

export const dataRequestRoutes = new Hono<SignedInEnv>()
	.get("/", async (c) => {
		const list = await listDataRequests(c.get("deps").db, c.get("auth").account.id);
		return renderPage(c, { title: "Mes demandes sur mes données" }, <DataRequestListPage list={list} />);
	})
	.get("/nouvelle", async (c) => {
		const droit = c.req.query("droit");
		const values: Record<string, string> =
			droit && RIGHT_OPTIONS.some((option) => option.value === droit) ? { droit } : {};
		return renderPage(
			c,
			{ title: NEW_TITLE },
			<DataRequestFormPage values={values} errors={{}} rights={RIGHT_OPTIONS} minors={await minorsOf(c)} />,
		);
	})
	.post("/", async (c) => {
		const deps = c.get("deps");
		const { account, session } = c.get("auth");
		// Each request sends an e-mail: at most 10 an hour per account (SECURITY.md, rate limits).
		const limit = await consumeRateLimit(deps.db, {
			key: `data-request:${account.id}`,
			limit: 10,
			windowMs: 3_600_000,
			now: deps.clock(),
		});
		if (!limit.ok)
			return renderPage(
				c,
				{ title: NEW_TITLE, status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
				<DataRequestFormPage
					values={{}}
					errors={{
						_form: "Vous avez envoyé beaucoup de demandes en peu de temps. Réessayez dans une heure.",
					}}
					rights={RIGHT_OPTIONS}
					minors={[]}
				/>,
			);
		const minors = await minorsOf(c);
		const form = await readDataRequestForm(
			c,
			minors.map((minor) => minor.beneficiaryId),
		);
		if (!form.ok)
			return renderPage(
				c,
				{ title: NEW_TITLE, status: form.status },
				<DataRequestFormPage
					values={form.values}
					errors={form.errors}
					rights={RIGHT_OPTIONS}
					minors={minors}
				/>,
			);
		const forMinor = minors.find((minor) => minor.beneficiaryId === form.forBeneficiaryId) ?? null;
		const actor = { accountId: account.id, sessionId: session.id, correlationId: c.get("requestId") };
		const opened = await openDataRequest(
			deps.db,
			account,
			actor,
			{
				right: form.right,
				text: form.text,
				corrections: form.corrections,
				attachmentId: form.attachmentId,
				forMinor,
			},
			deps.clock(),
			deps.config.publicUrl,
		);
		return c.redirect(`/compte/donnees/demandes/${opened.requestId}?envoyee=1`, 303);
	})
	.get("/:id", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		const request = id === null ? null : await getDataRequest(c.get("deps").db, c.get("auth").account.id, id);
		if (!request) return c.notFound();
		return renderPage(
			c,
			{ title: `Demande ${request.reference}` },
			<DataRequestPage request={request} sent={c.req.query("envoyee") === "1"} />,
		);
	});
