// `/adherent/beneficiaires` through the real forms, on a seeded database, as the demo adhérent
// 1000000001 (Julien Mercier, his spouse Camille and their children Léa and Hugo). Uploaded
// documents go to the Node storage in a temporary folder.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideBeneficiaryRequest } from "../../../core/adherent/beneficiary-decision.ts";
import { type DocumentStorage, setDocumentStorage } from "../../../core/storage.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { createNodeDocumentStorage } from "../../../hosts/node-storage.ts";
import { nirKey } from "../../../schema/identifiers.ts";
import {
	accounts,
	beneficiaries,
	persons,
	requestStatusHistory,
	requests,
	uploadedDocuments,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { tinyPdf, tinyPng } from "../../../tests/support/file-samples.ts";
import {
	createTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	TEST_ORIGIN,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let dir: string;
let storage: DocumentStorage;
let julien: string;
/** Beneficiary ids by first name (Julien's family, then Sophie Durand's). */
const ids: Record<string, number> = {};
const nirs: Record<string, string> = {};

/** A valid NIR for a person born in `yyMM` (sex 1 or 2), the key computed. */
function nir(sex: 1 | 2, yyMM: string, serial: string): string {
	const body = `${sex}${yyMM}75056${serial}`;
	return `${body}${nirKey(body)}`;
}

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	dir = await mkdtemp(join(tmpdir(), "espace-beneficiaires-"));
	storage = createNodeDocumentStorage(join(dir, "documents"));
	setDocumentStorage(storage);
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	const rows = await handle.db
		.select({ id: beneficiaries.id, firstName: persons.firstName, nir: persons.nir })
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.innerJoin(accounts, eq(accounts.memberId, beneficiaries.memberId))
		.where(eq(accounts.space, "adherent"));
	for (const row of rows) {
		ids[row.firstName] ??= row.id;
		if (row.nir) nirs[row.firstName] ??= row.nir;
	}
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	julien = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}, 60_000);
afterAll(async () => {
	setDocumentStorage(null);
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

function upload(
	fields: Record<string, string>,
	file?: { bytes: Uint8Array; name: string; type: string },
): RequestInit {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	if (file)
		form.set(
			"justificatif",
			new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }),
		);
	return { method: "POST", body: form, headers: { Origin: TEST_ORIGIN, Cookie: julien } };
}

async function counts() {
	const [r] = await handle.db.select({ n: count() }).from(requests);
	const [d] = await handle.db.select({ n: count() }).from(uploadedDocuments);
	return { requests: r?.n ?? 0, documents: d?.n ?? 0 };
}

const spouse = { lien: "conjoint", nom: "Martin", prenom: "Alex", dateNaissance: "1990-05-05", sexe: "M" };

describe("the beneficiaries page", () => {
	it("lists the people covered with only the end of their NIR", async () => {
		const html = await (await app.request("/adherent/beneficiaires", withCookie(julien))).text();
		for (const name of [
			"Julien Mercier",
			"Camille Mercier",
			"Léa Mercier",
			"Hugo Mercier",
			"Conjoint",
			"Enfant",
		]) {
			expect(html).toContain(name);
		}
		expect(html).toContain(`•••••••••••• ${nirs.Camille?.slice(-3)}`);
		expect(html).not.toContain(nirs.Camille);
		expect(html).toContain("Titulaire du contrat");
		expect(html).toContain(`/adherent/beneficiaires/${ids.Camille}/retrait`);
		expect(html).not.toContain(`/adherent/beneficiaires/${ids.Julien}/retrait`);
	});
});

describe("asking to add a beneficiary", () => {
	it("records the request with its PDF, stores the document and shows the reference", async () => {
		const pdf = await tinyPdf();
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{ ...spouse, nir: nir(1, "9005", "123") },
				{ bytes: pdf, name: "pacs.pdf", type: "application/pdf" },
			),
		);
		expect(response.status).toBe(303);
		const location = response.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/adherent\/beneficiaires\?demande=B2026-\d{6}$/);
		const reference = decodeURIComponent(location.split("=")[1] ?? "");
		const page = await (await app.request(location, withCookie(julien))).text();
		expect(page).toContain(`sous la référence <strong>${reference}</strong>`);
		expect(page).toContain("Alex Martin");
		expect(page).toContain("Reçue");

		const [request] = await handle.db.select().from(requests).where(eq(requests.reference, reference));
		expect(request).toMatchObject({ kind: "beneficiary_add", status: "received" });
		expect(
			await handle.db
				.select()
				.from(requestStatusHistory)
				.where(eq(requestStatusHistory.requestId, request?.id ?? 0)),
		).toHaveLength(1);
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.requestId, request?.id ?? 0));
		expect(document).toMatchObject({
			fileName: "pacs.pdf",
			contentType: "application/pdf",
			sizeBytes: pdf.byteLength,
			sha256: encodeHexLowerCase(sha256(pdf)),
		});
		expect(document?.storageKey).toMatch(/^documents\/2026\/[0-9a-f]{32}\.pdf$/);
		expect((await storage.get(document?.storageKey ?? ""))?.bytes).toEqual(pdf);
	});

	it("accepts a child under 16 attached to a parent's NIR, with a PNG", async () => {
		const child = { lien: "enfant", nom: "Mercier", prenom: "Jules", dateNaissance: "2024-02-14", sexe: "M" };
		const missing = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(child, { bytes: tinyPng(), name: "livret.png", type: "image/png" }),
		);
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain("saisissez le numéro de sécurité sociale du parent");
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{ ...child, nirParent: nirs.Julien ?? "" },
				{ bytes: tinyPng(), name: "livret.png", type: "image/png" },
			),
		);
		expect(response.status).toBe(303);
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.fileName, "livret.png"));
		expect(document?.contentType).toBe("image/png");
	});

	it("refuses someone already covered, creating no request and keeping the justificatif", async () => {
		const before = await counts();
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{
					lien: "conjoint",
					nom: "Mercier",
					prenom: "Camille",
					dateNaissance: "1986-07-25",
					sexe: "F",
					nir: nirs.Camille ?? "",
				},
				{ bytes: await tinyPdf(), name: "pacs.pdf", type: "application/pdf" },
			),
		);
		expect(response.status).toBe(409);
		const page = await response.text();
		expect(page).toContain("Cette personne est déjà couverte par votre contrat.");
		// No request; the justificatif is kept for a corrected form (issue 11), as after any error.
		expect(page).toContain("Votre justificatif « pacs.pdf » est bien reçu");
		const after = await counts();
		expect(after).toEqual({ requests: before.requests, documents: before.documents + 1 });
		const stored = await readdir(join(dir, "documents", "documents", "2026"));
		expect(stored.filter((name) => !name.endsWith(".type"))).toHaveLength(after.documents);
	});

	it("refuses a .pdf file that is really HTML, in French, keeping the other values and creating nothing", async () => {
		const before = await counts();
		const html = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{ ...spouse, nir: nir(1, "9005", "124") },
				{ bytes: html, name: "acte.pdf", type: "application/pdf" },
			),
		);
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(page).toContain(
			"Le justificatif doit être un fichier PDF, JPEG ou PNG : le fichier envoyé n&#39;en est pas un.",
		);
		expect(page).toContain('value="Martin"');
		expect(await counts()).toEqual(before);
	});

	it("refuses a file over 5 Mo before reading the whole body", async () => {
		const before = await counts();
		const total = 5_500_000;
		let pulled = 0;
		const head = new TextEncoder().encode(
			'--x\r\nContent-Disposition: form-data; name="justificatif"; filename="gros.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n',
		);
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (pulled >= total) return controller.close();
				const chunk = pulled === 0 ? head : new Uint8Array(Math.min(65_536, total - pulled));
				pulled += chunk.byteLength;
				controller.enqueue(chunk);
			},
		});
		const response = await app.request("/adherent/beneficiaires/ajout", {
			method: "POST",
			body,
			duplex: "half",
			headers: {
				Origin: TEST_ORIGIN,
				Cookie: julien,
				"Content-Type": "multipart/form-data; boundary=x",
				"Content-Length": String(total),
			},
		} as RequestInit);
		expect(response.status).toBe(413);
		expect(await response.text()).toContain("Le justificatif dépasse 5 Mo");
		expect(pulled).toBeLessThan(1_000_000);
		expect(await counts()).toEqual(before);
	});

	it("refuses an invalid NIR next to its field, keeping the other values and creating nothing", async () => {
		const before = await counts();
		const wrong = `${nir(1, "9005", "123").slice(0, 13)}00`;
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{ ...spouse, nir: wrong },
				{ bytes: await tinyPdf(), name: "pacs.pdf", type: "application/pdf" },
			),
		);
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(page).toContain(
			'<span class="field-error" id="champ-nir-erreur">Le numéro de sécurité sociale n&#39;est pas valide : vérifiez les 15 caractères, clé comprise.</span>',
		);
		expect(page).toMatch(/id="champ-nir"[^>]*aria-invalid="true"/);
		expect(page).toContain('value="Martin"');
		expect(page).toContain('value="Alex"');
		// The date comes back in its three fields (DateField).
		expect(page).toMatch(/name="dateNaissance-jour"[^>]*value="5"/);
		expect(page).toMatch(/name="dateNaissance-annee"[^>]*value="1990"/);
		// The valid justificatif is kept (issue 11): stored without a request, and the page says so.
		expect(page).not.toContain("choisissez-le à nouveau");
		expect(page).toContain(
			"Votre justificatif « pacs.pdf » est bien reçu : inutile de l&#39;envoyer à nouveau.",
		);
		expect(await counts()).toEqual({ requests: before.requests, documents: before.documents + 1 });
	});

	it("keeps a justificatif already received across a form error, and files it with the request", async () => {
		const fields = { ...spouse, prenom: "Noé", nir: nir(1, "9005", "125") };
		const pdf = await tinyPdf();
		const before = await counts();
		const refused = await app.request(
			"/adherent/beneficiaires/ajout",
			upload(
				{ ...fields, dateNaissance: "1990-02-31" },
				{ bytes: pdf, name: "acte.pdf", type: "application/pdf" },
			),
		);
		expect(refused.status).toBe(400);
		const page = await refused.text();
		expect(page).toContain("Saisissez une date de naissance valide");
		expect(page).toContain(
			"Votre justificatif « acte.pdf » est bien reçu : inutile de l&#39;envoyer à nouveau.",
		);
		const kept = /name="pieceRecue" value="(\d+)"/.exec(page)?.[1] ?? "";
		expect(kept).not.toBe("");
		expect(await counts()).toEqual({ requests: before.requests, documents: before.documents + 1 });

		// Sent again without the file: the request carries the justificatif received the first time.
		const sent = await app.request("/adherent/beneficiaires/ajout", upload({ ...fields, pieceRecue: kept }));
		expect(sent.status).toBe(303);
		const reference = decodeURIComponent((sent.headers.get("Location") ?? "").split("=")[1] ?? "");
		const [request] = await handle.db.select().from(requests).where(eq(requests.reference, reference));
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.id, Number(kept)));
		expect(document).toMatchObject({
			requestId: request?.id,
			fileName: "acte.pdf",
			sha256: encodeHexLowerCase(sha256(pdf)),
		});
		expect(await counts()).toEqual({ requests: before.requests + 1, documents: before.documents + 1 });

		// Once attached to a request it cannot be claimed again.
		const again = await app.request(
			"/adherent/beneficiaires/ajout",
			upload({ ...fields, nir: nir(1, "9005", "126"), pieceRecue: kept }),
		);
		expect(again.status).toBe(400);
		expect(await again.text()).toContain("Joignez un justificatif (PDF, JPEG ou PNG).");
		expect(await counts()).toEqual({ requests: before.requests + 1, documents: before.documents + 1 });
	});

	it("refuses another member's justificatif exactly like a missing one, without naming it", async () => {
		const refused = await app.request(
			"/adherent/beneficiaires/ajout",
			upload({ ...spouse, nir: "123" }, { bytes: tinyPng(), name: "livret-julien.png", type: "image/png" }),
		);
		const kept = /name="pieceRecue" value="(\d+)"/.exec(await refused.text())?.[1] ?? "";
		expect(kept).not.toBe("");
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent2;
		const sophie = await signInThroughForms(app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		const fields = { ...spouse, nom: "Durand", nir: nir(1, "9005", "127") };
		const post = (pieceRecue: string) => ({
			...upload({ ...fields, pieceRecue }),
			headers: { Origin: TEST_ORIGIN, Cookie: sophie },
		});
		const before = await counts();
		const theirs = await app.request("/adherent/beneficiaires/ajout", post(kept));
		const missing = await app.request("/adherent/beneficiaires/ajout", post("999999"));
		expect(theirs.status).toBe(400);
		expect(missing.status).toBe(400);
		const theirPage = await theirs.text();
		expect(theirPage).toContain("Joignez un justificatif (PDF, JPEG ou PNG).");
		expect(theirPage).not.toContain("livret-julien.png");
		const strip = (html: string) => html.replace(/[0-9a-f]{32}/g, "");
		expect(strip(theirPage)).toBe(strip(await missing.text()));
		expect(await counts()).toEqual(before);
		const [document] = await handle.db
			.select()
			.from(uploadedDocuments)
			.where(eq(uploadedDocuments.id, Number(kept)));
		expect(document?.requestId).toBeNull();
	});
});

describe("asking to remove a beneficiary", () => {
	it("asks for the password again: a wrong one, or a day in the past, changes nothing", async () => {
		const path = `/adherent/beneficiaires/${ids.Camille}/retrait`;
		const form = await (await app.request(path, withCookie(julien))).text();
		expect(form).toContain("Camille Mercier");
		expect(form).toContain('autocomplete="current-password"');
		const before = await counts();
		const wrong = await app.request(
			path,
			withCookie(julien, formPost({ dernierJour: "2026-12-31", motDePasse: "pas-le-bon-mot-de-passe" })),
		);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain("Le mot de passe n&#39;est pas le bon.");
		const past = await app.request(
			path,
			withCookie(
				julien,
				formPost({ dernierJour: "2026-11-25", motDePasse: DEMO_ACCOUNTS.adherent1.password }),
			),
		);
		expect(past.status).toBe(400);
		expect(await past.text()).toContain("ne peut pas être dans le passé");
		expect(await counts()).toEqual(before);
	});

	it("records the request and shows it on the list", async () => {
		const path = `/adherent/beneficiaires/${ids.Hugo}/retrait`;
		const response = await app.request(
			path,
			withCookie(
				julien,
				formPost({ dernierJour: "2026-12-31", motDePasse: DEMO_ACCOUNTS.adherent1.password }),
			),
		);
		expect(response.status).toBe(303);
		const reference = decodeURIComponent((response.headers.get("Location") ?? "").split("=")[1] ?? "");
		const page = await (await app.request("/adherent/beneficiaires", withCookie(julien))).text();
		expect(page).toContain(`Retrait demandé (${reference})`);
		expect(page).toContain("couverture jusqu&#39;au 31/12/2026");
		const again = await app.request(path, withCookie(julien));
		expect(await again.text()).toContain(`est déjà demandé (référence <strong>${reference}</strong>)`);
	});

	it("never removes the account holder", async () => {
		const path = `/adherent/beneficiaires/${ids.Julien}/retrait`;
		expect((await app.request(path, withCookie(julien))).status).toBe(409);
		const post = await app.request(
			path,
			withCookie(
				julien,
				formPost({ dernierJour: "2026-12-31", motDePasse: DEMO_ACCOUNTS.adherent1.password }),
			),
		);
		expect(post.status).toBe(409);
		expect(await post.text()).toContain("vous ne pouvez pas vous retirer");
	});

	it("answers 404 for another member's beneficiary, exactly as for one that does not exist", async () => {
		const post = formPost({ dernierJour: "2026-12-31", motDePasse: DEMO_ACCOUNTS.adherent1.password });
		const theirs = await app.request(`/adherent/beneficiaires/${ids.Nathan}/retrait`, withCookie(julien));
		const missing = await app.request("/adherent/beneficiaires/999999/retrait", withCookie(julien));
		expect(theirs.status).toBe(404);
		expect(missing.status).toBe(404);
		const strip = (html: string) => html.replace(/[0-9a-f]{32}/g, "");
		expect(strip(await theirs.text())).toBe(strip(await missing.text()));
		expect(
			(await app.request(`/adherent/beneficiaires/${ids.Nathan}/retrait`, withCookie(julien, post))).status,
		).toBe(404);
		expect((await app.request("/adherent/beneficiaires/abc/retrait", withCookie(julien))).status).toBe(404);
	});
});

describe("staff's decision", () => {
	it("creates the beneficiary on acceptance, ends the cover of a removal, and shows a refusal's reason", async () => {
		const account = await handle.db
			.select({ id: accounts.id })
			.from(accounts)
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier));
		const mine = await handle.db
			.select()
			.from(requests)
			.where(and(eq(requests.accountId, account[0]?.id ?? 0), eq(requests.status, "received")));
		const addition = mine.find(
			(request) => request.kind === "beneficiary_add" && request.payload.firstName === "Alex",
		);
		const child = mine.find(
			(request) => request.kind === "beneficiary_add" && request.payload.firstName === "Jules",
		);
		const removal = mine.find((request) => request.kind === "beneficiary_remove");
		const decidedAt = new Date("2026-11-27T10:00:00Z");

		const accepted = await decideBeneficiaryRequest(handle.db, {
			reference: addition?.reference ?? "",
			decision: "accept",
			reason: null,
			now: decidedAt,
		});
		expect(accepted).toMatchObject({ ok: true, kind: "beneficiary_add", status: "closed" });
		const [created] = await handle.db
			.select()
			.from(beneficiaries)
			.where(eq(beneficiaries.id, accepted.ok ? (accepted.beneficiaryId ?? 0) : 0));
		expect(created).toMatchObject({
			relationship: "conjoint",
			startDate: "2026-11-27",
			endDate: null,
			rank: 5,
		});
		expect(
			await decideBeneficiaryRequest(handle.db, {
				reference: addition?.reference ?? "",
				decision: "reject",
				reason: "Doublon",
				now: decidedAt,
			}),
		).toEqual({
			ok: false,
			reason: "already_decided",
			status: "closed",
		});

		const rejected = await decideBeneficiaryRequest(handle.db, {
			reference: child?.reference ?? "",
			decision: "reject",
			reason: "Le livret de famille est illisible : envoyez-en une copie nette.",
			now: decidedAt,
		});
		expect(rejected).toMatchObject({ ok: true, status: "rejected", beneficiaryId: null });

		const ended = await decideBeneficiaryRequest(handle.db, {
			reference: removal?.reference ?? "",
			decision: "accept",
			reason: null,
			now: decidedAt,
		});
		expect(ended).toMatchObject({ ok: true, kind: "beneficiary_remove", beneficiaryId: ids.Hugo });
		const [hugo] = await handle.db
			.select()
			.from(beneficiaries)
			.where(eq(beneficiaries.id, ids.Hugo ?? 0));
		expect(hugo?.endDate).toBe("2026-12-31");

		const page = await (await app.request("/adherent/beneficiaires", withCookie(julien))).text();
		expect(page).toContain("Alex Martin");
		expect(page).toContain("Acceptée");
		expect(page).toContain("Refusée");
		expect(page).toContain("Le livret de famille est illisible");
		expect(page).toContain("Couvert(e) jusqu&#39;au 31/12/2026");
		expect(
			await decideBeneficiaryRequest(handle.db, {
				reference: "B2026-999999",
				decision: "accept",
				reason: null,
				now: decidedAt,
			}),
		).toEqual({
			ok: false,
			reason: "unknown_request",
		});
	});
});
