// Rectification and requests to the DPO through the real forms: a member corrects phone and
// address (bad input changes nothing), asks for a corrected birth date with an attachment, the
// request is tracked with its one-month deadline (two more once, with a reason), answered by
// staff and e-mailed; the dashboard's « Données personnelles » request opens; another account's
// request answers 404.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerDataRequest, extendDataRequest } from "../../../core/donnees/data-requests.ts";
import { createMemoryDocumentStorage, setDocumentStorage } from "../../../core/storage.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import {
	auditEvents,
	beneficiaries,
	members,
	persons,
	requestStatusHistory,
	requests,
	uploadedDocuments,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	formPost,
	latestMail,
	signInDemoMember,
	TEST_ORIGIN,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
let cookie: string;
const publicUrl = new URL("http://localhost");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 11,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	setDocumentStorage(createMemoryDocumentStorage());
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 120_000);
afterAll(() => {
	setDocumentStorage(null);
	handle.client.close();
});

async function memberRow() {
	const account = await demoAccount(handle.db, "adherent1");
	const [row] = await handle.db
		.select()
		.from(members)
		.where(eq(members.id, account.memberId as number));
	if (!row) throw new Error("no member");
	return row;
}

function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.set(key, value);
	if (file)
		body.set("piece", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
	return withCookie(cookie, { method: "POST", headers: { Origin: TEST_ORIGIN }, body });
}

describe("correcting phone and postal address", () => {
	it("shows the current contact data in the form", async () => {
		const before = await memberRow();
		const html = await (await app.request("/compte/donnees/coordonnees", withCookie(cookie))).text();
		expect(html).toContain(`value="${before.addressLine1}"`);
		expect(html).toContain(`value="${before.postalCode}"`);
	});

	it("refuses a wrong postal code and phone with French messages and changes nothing", async () => {
		const before = await memberRow();
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				cookie,
				formPost({ telephone: "12", adresse1: "1 rue X", adresse2: "", codePostal: "6900", ville: "Lyon" }),
			),
		);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain("Le code postal compte 5 chiffres.");
		expect(html).toContain("numéro de téléphone français à 10 chiffres");
		expect(await memberRow()).toEqual(before);
	});

	it("refuses an unexpected field", async () => {
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				cookie,
				formPost({
					telephone: "",
					adresse1: "a",
					adresse2: "",
					codePostal: "69001",
					ville: "Lyon",
					nir: "1",
				}),
			),
		);
		expect(response.status).toBe(400);
	});

	it("saves the corrected data and audits the fields changed, not their values", async () => {
		now = new Date(now.getTime() + 60_000);
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				cookie,
				formPost({
					telephone: "06 12 34 56 78",
					adresse1: "3 place Bellecour",
					adresse2: "Bâtiment B",
					codePostal: "69002",
					ville: "Lyon",
				}),
			),
		);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/compte/donnees/coordonnees?enregistre=1");
		const after = await memberRow();
		expect(after).toMatchObject({
			phone: "0612345678",
			addressLine1: "3 place Bellecour",
			addressLine2: "Bâtiment B",
			postalCode: "69002",
			city: "Lyon",
		});
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "donnees.contact.rectified"));
		expect(entry?.details?.fields).toContain("addressLine1");
		expect(JSON.stringify(entry)).not.toContain("Bellecour");
	});

	it("sends a visitor to sign in", async () => {
		const visitor = await app.request("/compte/donnees/coordonnees");
		expect(visitor.status).toBe(303);
	});
});

describe("a request to the DPO", () => {
	let requestId: number;

	it("refuses a request without right or text, and an attachment that is not a document", async () => {
		const response = await app.request(
			"/compte/donnees/demandes",
			multipart(
				{ texte: "court" },
				{ name: "x.exe", type: "application/octet-stream", bytes: new Uint8Array([77, 90, 1, 2]) },
			),
		);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain("Choisissez le droit que vous exercez.");
		expect(html).toContain("La pièce jointe doit être un document PDF, JPEG ou PNG.");
		expect(await handle.db.select().from(uploadedDocuments)).toHaveLength(0);
	});

	// CGU art. 8
	it("records a rectification of the birth date with its attachment, deadline one month, and acknowledges it", async () => {
		now = new Date("2026-11-26T09:05:00Z");
		const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
		const response = await app.request(
			"/compte/donnees/demandes",
			multipart(
				{
					droit: "rectification",
					texte: "Ma date de naissance est fausse sur mon espace.",
					dateNaissance: "14/02/1980",
				},
				{ name: "acte.pdf", type: "application/pdf", bytes: pdf },
			),
		);
		expect(response.status).toBe(303);
		const location = response.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/compte\/donnees\/demandes\/\d+\?envoyee=1$/);
		requestId = Number(/(\d+)\?/.exec(location)?.[1]);
		const [row] = await handle.db.select().from(requests).where(eq(requests.id, requestId));
		expect(row).toMatchObject({ kind: "data_protection", subKind: "rectification", status: "received" });
		expect(row?.answerBy?.toISOString()).toBe("2026-12-26T22:59:59.000Z");
		expect(row?.payload).toMatchObject({ corrections: { dateNaissance: "14/02/1980" } });
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.requestId, requestId));
		expect(document?.fileName).toBe("acte.pdf");
		const mail = await latestMail(
			handle.db,
			"adherent1@demo.espace.test",
			"data-protection-request-received",
		);
		expect(mail?.textBody).toContain(row?.reference as string);
		const page = await (await app.request(location, withCookie(cookie))).text();
		expect(page).toContain("Votre demande est enregistrée.");
		expect(page).toContain("Date de naissance : 14/02/1980");
		expect(page).toContain("acte.pdf");
		expect(page).toContain("26 décembre 2026");
	});

	it("lists every data-protection request of the account, each one opening", async () => {
		const html = await (await app.request("/compte/donnees/demandes", withCookie(cookie))).text();
		const account = await demoAccount(handle.db, "adherent1");
		const mine = await handle.db.select().from(requests).where(eq(requests.accountId, account.id));
		const dataRequests = mine.filter((row) => row.kind === "data_protection");
		expect(dataRequests.length).toBeGreaterThanOrEqual(2);
		for (const row of dataRequests) {
			expect(html).toContain(`href="/compte/donnees/demandes/${row.id}"`);
			expect((await app.request(`/compte/donnees/demandes/${row.id}`, withCookie(cookie))).status).toBe(200);
		}
	});

	it("opens the dashboard's « Données personnelles » request", async () => {
		const html = await (await app.request("/adherent", withCookie(cookie))).text();
		const seeded = (
			await handle.db.select().from(requests).where(eq(requests.kind, "data_protection")).orderBy(requests.id)
		)[0];
		expect(html).toContain(`<a href="/compte/donnees/demandes/${seeded?.id}">Données personnelles`);
	});

	it("extends the deadline by two months once, within the month, with the reason shown", async () => {
		const staff = { accountId: 1, sessionId: "staff-session", correlationId: "test" };
		now = new Date("2026-11-26T09:10:00Z");
		expect(
			await extendDataRequest(handle.db, staff, requestId, "Vérification auprès de l'état civil.", now),
		).toEqual({ ok: true });
		expect(await extendDataRequest(handle.db, staff, requestId, "encore", now)).toEqual({
			ok: false,
			reason: "already_extended",
		});
		const [row] = await handle.db.select().from(requests).where(eq(requests.id, requestId));
		expect(row?.answerBy?.toISOString()).toBe("2027-02-26T22:59:59.000Z");
		const page = await (
			await app.request(`/compte/donnees/demandes/${requestId}`, withCookie(cookie))
		).text();
		expect(page).toContain("délai prolongé de deux mois");
		expect(page).toContain("Vérification auprès de l&#39;état civil.");
	});

	it("refuses an extension after the first month", async () => {
		const seeded = (
			await handle.db.select().from(requests).where(eq(requests.kind, "data_protection")).orderBy(requests.id)
		)[0];
		const staff = { accountId: 1, sessionId: "staff-session", correlationId: "test" };
		const late = new Date((seeded?.createdAt.getTime() ?? 0) + 40 * 86_400_000);
		expect(await extendDataRequest(handle.db, staff, seeded?.id as number, "trop tard", late)).toEqual({
			ok: false,
			reason: "too_late",
		});
	});

	it("is answered by staff, e-mailed, and shows the answer and its history", async () => {
		const staff = { accountId: 1, sessionId: "staff-session", correlationId: "test" };
		now = new Date("2026-11-26T09:15:00Z");
		expect(
			await answerDataRequest(
				handle.db,
				staff,
				requestId,
				"Votre date de naissance est corrigée.",
				now,
				publicUrl,
			),
		).toEqual({ ok: true });
		expect(await answerDataRequest(handle.db, staff, requestId, "deux fois", now, publicUrl)).toEqual({
			ok: false,
			reason: "closed",
		});
		const mail = await latestMail(
			handle.db,
			"adherent1@demo.espace.test",
			"data-protection-request-answered",
		);
		expect(mail?.textBody).toContain(`/compte/donnees/demandes/${requestId}`);
		const page = await (
			await app.request(`/compte/donnees/demandes/${requestId}`, withCookie(cookie))
		).text();
		expect(page).toContain("Votre date de naissance est corrigée.");
		const history = await handle.db
			.select()
			.from(requestStatusHistory)
			.where(eq(requestStatusHistory.requestId, requestId))
			.orderBy(desc(requestStatusHistory.id));
		expect(history.map((step) => step.toStatus)).toEqual(["answered", "in_progress", "received"]);
	});

	it("answers 404 for another member's request, exactly like a missing one", async () => {
		const other = await demoAccount(handle.db, "adherent2");
		const [theirs] = await handle.db.select().from(requests).where(eq(requests.accountId, other.id));
		const id = theirs?.id ?? 999_999;
		expect((await app.request(`/compte/donnees/demandes/${id}`, withCookie(cookie))).status).toBe(404);
		expect((await app.request("/compte/donnees/demandes/999999", withCookie(cookie))).status).toBe(404);
		expect((await app.request("/compte/donnees/demandes/abc", withCookie(cookie))).status).toBe(404);
	});
});

describe("a member acting for a minor beneficiary", () => {
	async function beneficiaryId(firstName: string): Promise<number> {
		const account = await demoAccount(handle.db, "adherent1");
		const [row] = await handle.db
			.select({ id: beneficiaries.id })
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(and(eq(beneficiaries.memberId, account.memberId as number), eq(persons.firstName, firstName)));
		return row?.id as number;
	}

	it("offers the minor children of the contract, not the adult spouse", async () => {
		const html = await (await app.request("/compte/donnees/demandes/nouvelle", withCookie(cookie))).text();
		expect(html).toContain("Pour qui faites-vous cette demande ?");
		expect(html).toContain("Pour Léa Mercier (enfant mineur couvert par mon contrat)");
		expect(html).toContain("Pour Hugo Mercier");
		expect(html).not.toContain("Pour Camille Mercier");
	});

	it("records a request made for a child, named on its page", async () => {
		now = new Date(now.getTime() + 60_000);
		const lea = await beneficiaryId("Léa");
		const response = await app.request(
			"/compte/donnees/demandes",
			multipart({
				droit: "access",
				pour: String(lea),
				texte: "Je demande une copie des données de ma fille.",
			}),
		);
		expect(response.status).toBe(303);
		const id = Number(/demandes\/(\d+)/.exec(response.headers.get("Location") ?? "")?.[1]);
		const [row] = await handle.db.select().from(requests).where(eq(requests.id, id));
		expect(row?.payload).toMatchObject({ forMinor: { beneficiaryId: lea, name: "Léa Mercier" } });
		const page = await (await app.request(`/compte/donnees/demandes/${id}`, withCookie(cookie))).text();
		expect(page).toContain("<dt>Pour</dt><dd>Léa Mercier</dd>");
	});

	it("refuses an adult or another member's beneficiary and records nothing", async () => {
		const before = (await handle.db.select().from(requests)).length;
		const camille = await beneficiaryId("Camille");
		const other = await demoAccount(handle.db, "adherent2");
		const [theirs] = await handle.db
			.select()
			.from(beneficiaries)
			.where(eq(beneficiaries.memberId, other.memberId as number));
		for (const pour of [String(camille), String(theirs?.id), "tout-le-monde"]) {
			const response = await app.request(
				"/compte/donnees/demandes",
				multipart({ droit: "access", pour, texte: "Je demande une copie des données." }),
			);
			expect(response.status, pour).toBe(400);
			expect(await response.text()).toContain("Choisissez une personne de la liste.");
		}
		expect((await handle.db.select().from(requests)).length).toBe(before);
	});
});
