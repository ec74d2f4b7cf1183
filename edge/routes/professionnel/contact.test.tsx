// « Contact » of the espace professionnel through the real forms on a seeded database: a message
// with an attachment gets a reference, an acknowledgement e-mail and audit entries; bad input gets
// French messages and changes nothing; the insurer's answer shows in the history; another
// practice's message answers 404.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerPracticeMessage } from "../../../core/professionnel/contact.ts";
import { createMemoryDocumentStorage, setDocumentStorage } from "../../../core/storage.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { auditEvents, practiceMessages, uploadedDocuments } from "../../../schema/tables/index.ts";
import { createPracticeTestApp } from "../../../tests/support/practice.ts";
import { formPost, latestMail, TEST_ORIGIN, withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const now = new Date("2026-11-26T09:00:00Z");
const storage = createMemoryDocumentStorage();
let handle: DatabaseHandle;
let app: App;
let practice: string;
let other: string;
let firstPath = "";

beforeAll(async () => {
	setDocumentStorage(storage);
	({ handle, app, practice, other } = await createPracticeTestApp(now));
}, 90_000);
afterAll(() => {
	setDocumentStorage(null);
	handle.client.close();
});

function multipart(
	cookie: string,
	fields: Record<string, string>,
	file?: { name: string; bytes: Uint8Array },
): RequestInit {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	if (file) form.set("piece", new File([file.bytes.slice().buffer], file.name, { type: "application/pdf" }));
	return { method: "POST", headers: { Origin: TEST_ORIGIN, Cookie: cookie }, body: form };
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const TEXT = "La facture 2026-0042 est rejetée alors que les droits étaient ouverts.";

async function count(): Promise<number> {
	return (await handle.db.select().from(practiceMessages)).length;
}

describe("the practice's contact form", () => {
	it("shows the form, without JavaScript, and the practice's own seeded history only", async () => {
		const page = await app.request("/professionnel/contact", withCookie(practice));
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('enctype="multipart/form-data"');
		expect(html).toContain("Une facture de tiers payant");
		expect(html).toContain("P2026-000001");
		expect(html).toContain("P2026-000002");
		expect(html).not.toContain("P2026-000003");
	});

	it("records a message with its attachment, a reference, an acknowledgement e-mail and an audit entry", async () => {
		const sent = await app.request(
			"/professionnel/contact",
			multipart(practice, { sujet: "facture", message: TEXT }, { name: "rejet.pdf", bytes: PDF }),
		);
		expect(sent.status).toBe(303);
		firstPath = (sent.headers.get("Location") ?? "").replace("?envoye=1", "");
		expect(firstPath).toMatch(/^\/professionnel\/contact\/\d+$/);
		const page = await (await app.request(`${firstPath}?envoye=1`, withCookie(practice))).text();
		expect(page).toContain("Message P2026-000005");
		expect(page).toContain("Votre message est envoyé.");
		expect(page).toContain("rejet.pdf");
		expect(page).toContain("En attente de réponse");
		const [row] = await handle.db
			.select()
			.from(practiceMessages)
			.where(eq(practiceMessages.reference, "P2026-000005"));
		expect(row).toMatchObject({
			reference: "P2026-000005",
			subject: "facture",
			text: TEXT,
			professionalId: 1,
		});
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.id, row?.attachmentId ?? -1));
		expect(document?.contentType).toBe("application/pdf");
		expect(storage.keys()).toContain(document?.storageKey);
		const mail = await latestMail(
			handle.db,
			DEMO_ACCOUNTS.professionnel1.email,
			"practice-message-acknowledged",
		);
		expect(mail?.subject).toContain("P2026-000005");
		expect(mail?.textBody).not.toContain("2026-0042");
		const audit = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "professionnel.contact.sent"));
		expect(audit).toHaveLength(1);
		expect(audit[0]?.objectId).toBe(String(row?.id));
	});

	it("refuses bad input with French messages, keeping the text, and records or stores nothing", async () => {
		const before = await count();
		const stored = storage.keys().length;
		const missing = await app.request("/professionnel/contact", multipart(practice, { message: "Court" }));
		expect(missing.status).toBe(400);
		const missingHtml = await missing.text();
		expect(missingHtml).toContain("Choisissez le sujet de votre message.");
		expect(missingHtml).toContain("Écrivez votre message en quelques mots au moins");
		expect(missingHtml).toContain("Court</textarea>");
		const badSubject = await app.request(
			"/professionnel/contact",
			multipart(practice, { sujet: "piratage", message: TEXT }, { name: "ok.pdf", bytes: PDF }),
		);
		expect(badSubject.status).toBe(400);
		const fake = await app.request(
			"/professionnel/contact",
			multipart(
				practice,
				{ sujet: "autre", message: TEXT },
				{ name: "virus.pdf", bytes: new TextEncoder().encode("MZ not a pdf") },
			),
		);
		expect(fake.status).toBe(400);
		expect(await fake.text()).toContain("doit être un document PDF, JPEG ou PNG");
		const long = await app.request(
			"/professionnel/contact",
			multipart(practice, { sujet: "autre", message: "x".repeat(5001) }),
		);
		expect(await long.text()).toContain("dépasse 5000 caractères");
		const extra = await app.request(
			"/professionnel/contact",
			multipart(practice, { sujet: "autre", message: TEXT, professionalId: "2" }),
		);
		expect(extra.status).toBe(400);
		const urlencoded = await app.request(
			"/professionnel/contact",
			withCookie(practice, formPost({ sujet: "autre", message: TEXT })),
		);
		expect(urlencoded.status).toBeLessThan(500);
		expect(await count()).toBe(before + (urlencoded.status === 303 ? 1 : 0));
		expect(storage.keys()).toHaveLength(stored);
	});

	it("shows the insurer's answer in the history and on the message's page", async () => {
		await answerPracticeMessage(handle.db, {
			reference: "P2026-000005",
			answer: "La facture a été reprise et sera payée au prochain virement.",
			now: new Date("2026-11-27T10:00:00Z"),
		});
		const list = await (await app.request("/professionnel/contact", withCookie(practice))).text();
		expect(list).toContain("P2026-000005");
		expect(list).toContain("Répondu");
		const page = await (await app.request(firstPath, withCookie(practice))).text();
		expect(page).toContain("La facture a été reprise et sera payée au prochain virement.");
		expect(page).toContain("Répondu le 27/11/2026.");
	});

	it("answers 404 for another practice's message, a missing one and a malformed id", async () => {
		expect((await app.request(firstPath, withCookie(other))).status).toBe(404);
		const list = await (await app.request("/professionnel/contact", withCookie(other))).text();
		expect(list).not.toContain("P2026-000005");
		expect((await app.request("/professionnel/contact/999999", withCookie(practice))).status).toBe(404);
		expect((await app.request("/professionnel/contact/abc", withCookie(practice))).status).toBe(404);
	});

	it("is for practices only", async () => {
		expect((await app.request("/professionnel/contact")).status).not.toBe(200);
	});
});
