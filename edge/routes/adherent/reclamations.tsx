// « Réclamations »: the member's complaints, a form with an optional attachment, and each
// complaint's page. Another member's complaint answers 404, exactly like a missing one.
import { Hono } from "hono";
import {
	fileComplaint,
	getComplaint,
	listComplaints,
	mediatorIsOpen,
} from "../../../core/adherent/complaints.ts";
import { consumeRateLimit } from "../../../core/rate-limit.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { memberScope } from "../../middleware/member.ts";
import { ComplaintFormPage, ComplaintListPage, ComplaintPage } from "../../views/adherent/reclamations.tsx";
import { renderPage } from "../../views/page.tsx";
import { readComplaintForm } from "./complaint-form.ts";

export const reclamationsRoutes = new Hono<AppEnv>()
	.get("/reclamations", async (c) => {
		const scope = memberScope(c);
		const complaints = await listComplaints(c.get("deps").db, scope.accountId);
		const notice = c.req.query("envoyee")
			? "Votre réclamation est enregistrée. Un accusé de réception vous a été envoyé par e-mail."
			: undefined;
		return renderPage(
			c,
			{ title: "Réclamations" },
			<ComplaintListPage complaints={complaints} notice={notice} />,
		);
	})
	.get("/reclamations/nouvelle", (c) =>
		renderPage(c, { title: "Faire une réclamation" }, <ComplaintFormPage values={{}} errors={{}} />),
	)
	.post("/reclamations", async (c) => {
		const scope = memberScope(c);
		const deps = c.get("deps");
		// Each complaint sends an e-mail: at most 10 an hour per account (SECURITY.md, rate limits).
		const limit = await consumeRateLimit(deps.db, {
			key: `complaint:${scope.accountId}`,
			limit: 10,
			windowMs: 3_600_000,
			now: deps.clock(),
		});
		if (!limit.ok) {
			return renderPage(
				c,
				{
					title: "Faire une réclamation",
					status: 429,
					headers: { "Retry-After": String(limit.retryAfterSeconds) },
				},
				<ComplaintFormPage
					values={{}}
					errors={{
						_form: "Vous avez envoyé beaucoup de réclamations en peu de temps. Réessayez dans une heure.",
					}}
				/>,
			);
		}
		const form = await readComplaintForm(c);
		if (!form.ok) {
			return renderPage(
				c,
				{ title: "Faire une réclamation", status: form.status },
				<ComplaintFormPage values={form.values} errors={form.errors} />,
			);
		}
		const complaint = await fileComplaint(deps.db, {
			memberAccountId: scope.accountId,
			sessionId: scope.sessionId,
			category: form.data.category,
			text: form.data.text,
			attachmentKey: form.data.attachmentKey,
			attachmentId: form.data.attachmentId,
			now: deps.clock(),
			publicUrl: deps.config.publicUrl,
			correlationId: c.get("requestId"),
		});
		return c.redirect(`/adherent/reclamations/${complaint.id}?envoyee=1`, 303);
	})
	.get("/reclamations/:id", async (c) => {
		const scope = memberScope(c);
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const found = await getComplaint(c.get("deps").db, scope.accountId, id);
		if (!found) return c.notFound();
		return renderPage(
			c,
			{ title: `Réclamation ${found.complaint.reference}` },
			<>
				{c.req.query("envoyee") ? (
					<div class="alert alert-success" role="status">
						Votre réclamation est enregistrée. Un accusé de réception vous a été envoyé par e-mail.
					</div>
				) : null}
				<ComplaintPage
					complaint={found.complaint}
					history={found.history}
					mediatorOpen={mediatorIsOpen(found.complaint, c.get("deps").clock())}
				/>
			</>,
		);
	});
