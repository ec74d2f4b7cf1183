// « Réclamations » through the real forms: filing with and without an attachment, the
// acknowledgement e-mail, deadlines, staff answers, the mediator, and access rules.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateComplaint } from "../../../core/adherent/complaints.ts";
import { createMemoryDocumentStorage, setDocumentStorage } from "../../../core/storage.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../demo/accounts.ts";
import { requests, uploadedDocuments } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	formPost,
	latestMail,
	latestSignInCode,
	signInThroughForms,
	TEST_ORIGIN,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
let dir: string;
const storage = createMemoryDocumentStorage();
const publicUrl = new URL("http://localhost");

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-complaints-"));
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 5,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	setDocumentStorage(storage);
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 60_000);
afterAll(async () => {
	setDocumentStorage(null);
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

async function signIn(which: "adherent1" | "adherent2"): Promise<string> {
	now = new Date(now.getTime() + 16 * 60_000);
	const { identifier, password, email } = DEMO_ACCOUNTS[which];
	return signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}

function multipart(
	cookie: string,
	fields: Record<string, string>,
	file?: { name: string; type: string; bytes: Uint8Array },
): RequestInit {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	if (file) form.set("piece", new File([file.bytes.slice().buffer], file.name, { type: file.type }));
	return { method: "POST", headers: { Origin: TEST_ORIGIN, Cookie: cookie }, body: form };
}

const PNG = Uint8Array.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
	8, 2, 0, 0, 0,
]);

describe("filing a complaint", () => {
	it("records it with a reference, acknowledges it by e-mail at once and shows its deadlines", async () => {
		const cookie = await signIn("adherent1");
		const form = await app.request("/adherent/reclamations/nouvelle", withCookie(cookie));
		expect(await form.text()).toContain('enctype="multipart/form-data"');
		const sent = await app.request(
			"/adherent/reclamations",
			multipart(
				cookie,
				{
					categorie: "remboursement",
					texte: "Mon remboursement de lunettes de septembre n'est jamais arrivé.",
				},
				{ name: "facture.png", type: "image/png", bytes: PNG },
			),
		);
		expect(sent.status).toBe(303);
		const location = sent.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/adherent\/reclamations\/\d+\?envoyee=1$/);
		const page = await (await app.request(location, withCookie(cookie))).text();
		expect(page).toMatch(/Réclamation R2026-\d{6}/);
		// Received Thursday 26 November 2026: acknowledgement due within 10 jours ouvrables, answer within 2 months.
		expect(page).toContain("08/12/2026");
		expect(page).toContain("26/01/2027");
		expect(page).toContain("Une pièce jointe accompagne votre réclamation.");
		expect(page).not.toContain("Médiateur");
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.adherent1.email, "complaint-acknowledged");
		expect(mail?.textBody).toMatch(/R2026-\d{6}/);
		expect(mail?.textBody).not.toContain("lunettes");
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.contentType, "image/png"));
		expect(document?.requestId).not.toBeNull();
		expect(storage.keys()).toContain(document?.storageKey);
	});

	it("refuses bad input with French messages next to the fields, keeping the text, and creates nothing", async () => {
		const cookie = await signIn("adherent1");
		const before = (await handle.db.select().from(requests).where(eq(requests.kind, "complaint"))).length;
		const missing = await app.request("/adherent/reclamations", multipart(cookie, { texte: "Trop court" }));
		expect(missing.status).toBe(400);
		const html = await missing.text();
		expect(html).toContain("Choisissez le sujet de votre réclamation.");
		expect(html).toContain("Trop court");
		const fake = await app.request(
			"/adherent/reclamations",
			multipart(
				cookie,
				{ categorie: "autre", texte: "Une réclamation assez longue pour passer." },
				{
					name: "piece.pdf",
					type: "application/pdf",
					bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>"),
				},
			),
		);
		expect(fake.status).toBe(400);
		expect(await fake.text()).toContain("doit être un document PDF, JPEG ou PNG");
		const tooLong = await app.request(
			"/adherent/reclamations",
			multipart(cookie, { categorie: "autre", texte: "x".repeat(5001) }),
		);
		expect(tooLong.status).toBe(400);
		expect((await handle.db.select().from(requests).where(eq(requests.kind, "complaint"))).length).toBe(
			before,
		);
	});

	it("keeps an attachment already received when the form comes back with an error, and says so", async () => {
		const cookie = await signIn("adherent2");
		const refused = await app.request(
			"/adherent/reclamations",
			multipart(
				cookie,
				{ texte: "Le sujet manque encore." },
				{ name: "devis.png", type: "image/png", bytes: PNG },
			),
		);
		expect(refused.status).toBe(400);
		const page = await refused.text();
		expect(page).toContain("Votre pièce jointe « devis.png » est bien reçue");
		const kept = /name="pieceRecue" value="(\d+)"/.exec(page)?.[1] ?? "";
		expect(kept).not.toBe("");
		// Sent again without the file: the complaint carries the attachment received the first time.
		const sent = await app.request(
			"/adherent/reclamations",
			multipart(cookie, { categorie: "garanties", texte: "Le sujet manque encore.", pieceRecue: kept }),
		);
		expect(sent.status).toBe(303);
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.id, Number(kept)));
		expect(document?.requestId).not.toBeNull();
		const detail = await (await app.request(sent.headers.get("Location") ?? "", withCookie(cookie))).text();
		expect(detail).toContain("Une pièce jointe accompagne votre réclamation.");
		// Another member cannot claim it: the id names nothing of theirs.
		const other = await signIn("adherent1");
		const theft = await app.request(
			"/adherent/reclamations",
			multipart(other, { texte: "court", pieceRecue: kept }),
		);
		expect(await theft.text()).not.toContain("devis.png");
	});

	it("refuses a post that is not the multipart form, cleanly", async () => {
		const cookie = await signIn("adherent1");
		const response = await app.request(
			"/adherent/reclamations",
			withCookie(cookie, formPost({ categorie: "autre", texte: "Une réclamation assez longue." })),
		);
		expect(response.status).toBe(400);
	});
});

describe("a complaint's life", () => {
	it("shows the answer and the mediator once staff answered, and sends a link rather than the answer", async () => {
		const cookie = await signIn("adherent2");
		const sent = await app.request(
			"/adherent/reclamations",
			multipart(cookie, {
				categorie: "accueil",
				texte: "Personne ne répond au téléphone depuis deux semaines.",
			}),
		);
		const location = sent.headers.get("Location") ?? "";
		const [row] = await handle.db
			.select()
			.from(requests)
			.where(eq(requests.id, Number(/\/(\d+)\?/.exec(location)?.[1])));
		expect(
			await updateComplaint(handle.db, {
				reference: row?.reference ?? "",
				action: "in_progress",
				now,
				publicUrl,
			}),
		).toEqual({ ok: true });
		expect(
			await updateComplaint(handle.db, {
				reference: row?.reference ?? "",
				action: "answer",
				answer: "Nous vous rappelons demain matin.",
				now,
				publicUrl,
			}),
		).toEqual({ ok: true });
		const page = await (await app.request(location.replace(/\?.*$/, ""), withCookie(cookie))).text();
		expect(page).toContain("Nous vous rappelons demain matin.");
		expect(page).toContain("Médiateur de la Mutualité Française");
		expect(page).toMatch(/Reçue[\s\S]*En cours[\s\S]*Répondue/);
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.adherent2.email, "complaint-answered");
		expect(mail?.textBody).not.toContain("rappelons");
		expect(
			await updateComplaint(handle.db, { reference: "R1999-000000", action: "close", now, publicUrl }),
		).toEqual({ ok: false, reason: "not_found" });
	});

	it("names the mediator when the answer is two months late", async () => {
		const cookie = await signIn("adherent2");
		const sent = await app.request(
			"/adherent/reclamations",
			multipart(cookie, { categorie: "cotisation", texte: "Ma cotisation a augmenté sans explication." }),
		);
		const path = (sent.headers.get("Location") ?? "").replace(/\?.*$/, "");
		expect(await (await app.request(path, withCookie(cookie))).text()).not.toContain(
			"Médiateur de la Mutualité Française",
		);
		// Two months have passed without an answer.
		await handle.db
			.update(requests)
			.set({ answerBy: new Date(now.getTime() - 60_000) })
			.where(eq(requests.id, Number(path.split("/").at(-1))));
		expect(await (await app.request(path, withCookie(cookie))).text()).toContain(
			"Médiateur de la Mutualité Française",
		);
	});
});

describe("access", () => {
	it("answers 404 for another member's complaint and 403 for an employer", async () => {
		const theirs = await signIn("adherent2");
		const sent = await app.request(
			"/adherent/reclamations",
			multipart(theirs, { categorie: "autre", texte: "Une réclamation de l'autre famille." }),
		);
		const path = (sent.headers.get("Location") ?? "").replace(/\?.*$/, "");
		const mine = await signIn("adherent1");
		expect((await app.request(path, withCookie(mine))).status).toBe(404);
		expect((await app.request("/adherent/reclamations/999999", withCookie(mine))).status).toBe(404);
		now = new Date(now.getTime() + 16 * 60_000);
		const totp = new OTPAuth.TOTP({
			secret: DEMO_TOTP_SECRETS.employeur,
			digits: 6,
			period: 30,
			algorithm: "SHA1",
		});
		const employer = await signInThroughForms(
			app,
			DEMO_ACCOUNTS.employeur1.identifier,
			DEMO_ACCOUNTS.employeur1.password,
			async () => totp.generate({ timestamp: now.getTime() }),
		);
		expect((await app.request("/adherent/reclamations", withCookie(employer))).status).toBe(403);
		expect((await app.request(path, withCookie(employer))).status).toBe(403);
	});

	it("lists and files complaints through the API with a bearer token", async () => {
		now = new Date(now.getTime() + 16 * 60_000);
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
		const step = (await (
			await app.request("/api/v1/auth/sign-in", {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ identifier, password }),
			})
		).json()) as { token: string };
		const done = (await (
			await app.request("/api/v1/auth/second-factor", {
				method: "POST",
				headers: { "Content-Type": "application/json", Authorization: `Bearer ${step.token}` },
				body: JSON.stringify({ code: await latestSignInCode(handle.db, email) }),
			})
		).json()) as { token: string };
		const auth = { Authorization: `Bearer ${done.token}`, "Content-Type": "application/json" };
		const created = await app.request("/api/v1/adherent/reclamations", {
			method: "POST",
			headers: auth,
			body: JSON.stringify({ category: "garanties", text: "Je ne comprends pas mon tableau de garanties." }),
		});
		expect(created.status).toBe(201);
		const list = (await (await app.request("/api/v1/adherent/reclamations", { headers: auth })).json()) as {
			complaints: { reference: string }[];
		};
		expect(list.complaints.length).toBeGreaterThanOrEqual(2);
		const bad = await app.request("/api/v1/adherent/reclamations", {
			method: "POST",
			headers: auth,
			body: JSON.stringify({ category: "inconnue", text: "x" }),
		});
		expect(bad.status).toBe(400);
	});
});

describe("the complaint form", () => {
	it("accepts at most 10 complaints an hour from one account (each sends an e-mail)", async () => {
		now = new Date("2026-11-27T15:00:00Z");
		const cookie = await signIn("adherent1");
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) {
			const response = await app.request(
				"/adherent/reclamations",
				multipart(cookie, { categorie: "autre", texte: `Réclamation numéro ${i} pour tester la limite.` }),
			);
			statuses.push(response.status);
			if (i < 10)
				expect(response.headers.get("Location")).toMatch(/^\/adherent\/reclamations\/\d+\?envoyee=1$/);
		}
		expect(statuses.slice(0, 10).every((status) => status === 303)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
	});
});
