// « Contact »: the practice's form to write to the insurer, with the history of its exchanges, and
// each message's page with the insurer's answer. Scoped by the session's practice: another
// practice's message answers 404, exactly like a missing one. Consultations are audited by the
// audit-trail middleware; a message sent is audited by core.
import { Hono } from "hono";
import {
	getPracticeMessage,
	listPracticeMessages,
	sendPracticeMessage,
} from "../../../core/professionnel/contact.ts";
import { consumeRateLimit } from "../../../core/rate-limit.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import { renderPage } from "../../views/page.tsx";
import { ContactMessagePage, ContactPage } from "../../views/professionnel/contact.tsx";
import { readContactForm } from "./contact-form.ts";

const TITLE = "Contact";

export const contactRoutes = new Hono<PracticeEnv>()
	.get("/contact", async (c) => {
		const messages = await listPracticeMessages(c.get("deps").db, practiceScope(c).professionalId);
		return renderPage(c, { title: TITLE }, <ContactPage messages={messages} values={{}} errors={{}} />);
	})
	.post("/contact", async (c) => {
		const scope = practiceScope(c);
		const deps = c.get("deps");
		const messages = () => listPracticeMessages(deps.db, scope.professionalId);
		// Each message sends an e-mail: at most 10 an hour per account (SECURITY.md, rate limits).
		const limit = await consumeRateLimit(deps.db, {
			key: `practice-contact:${scope.accountId}`,
			limit: 10,
			windowMs: 3_600_000,
			now: deps.clock(),
		});
		if (!limit.ok) {
			return renderPage(
				c,
				{ title: TITLE, status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
				<ContactPage
					messages={await messages()}
					values={{}}
					errors={{
						_form: "Vous avez envoyé beaucoup de messages en peu de temps. Réessayez dans une heure.",
					}}
				/>,
			);
		}
		const form = await readContactForm(c);
		if (!form.ok) {
			return renderPage(
				c,
				{ title: TITLE, status: form.status },
				<ContactPage messages={await messages()} values={form.values} errors={form.errors} />,
			);
		}
		const sent = await sendPracticeMessage(deps.db, scope, {
			...form.data,
			now: deps.clock(),
			publicUrl: deps.config.publicUrl,
			correlationId: c.get("requestId"),
		});
		return c.redirect(`/professionnel/contact/${sent.id}?envoye=1`, 303);
	})
	.get("/contact/:id", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const message = await getPracticeMessage(c.get("deps").db, practiceScope(c).professionalId, id);
		if (!message) return c.notFound();
		return renderPage(
			c,
			{ title: `Message ${message.reference}` },
			<ContactMessagePage message={message} sent={Boolean(c.req.query("envoye"))} />,
		);
	});
