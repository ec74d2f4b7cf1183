// CGU art. 8: employers and professionals correct their contact data themselves, as members do
// (GDPR art. 16). The record corrected follows from the session only: the company of the
// employer, the practice of the professional; another company's or practice's is untouched. Each
// change is audited with the names of the fields, never their values; bad input changes nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { auditEvents, companies, professionals, reseauCommunes } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import { signInDemoPractice } from "../../../tests/support/practice.ts";
import {
	createTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let employer: string;
let practice: string;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 0.01,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	employer = await signInDemoEmployer(app, "employeur1", now);
	practice = await signInDemoPractice(app, "professionnel1", now);
}, 120_000);
afterAll(() => handle.client.close());

async function companyOf(key: "employeur1" | "employeur2") {
	const account = await demoAccount(handle.db, key);
	const [company] = await handle.db
		.select()
		.from(companies)
		.where(eq(companies.id, account.companyId as number));
	if (!company) throw new Error("demo company missing");
	return company;
}

async function professionalOf(key: "professionnel1" | "professionnel2") {
	const account = await demoAccount(handle.db, key);
	const [row] = await handle.db
		.select()
		.from(professionals)
		.where(eq(professionals.id, account.professionalId as number));
	if (!row) throw new Error("demo professional missing");
	return row;
}

describe("an employer", () => {
	it("finds the company's contact data from « Mes données », prefilled", async () => {
		const page = await (await app.request("/compte/donnees", withCookie(employer))).text();
		expect(page).toContain("Corriger le téléphone et l&#39;adresse postale de l&#39;entreprise");
		const company = await companyOf("employeur1");
		const response = await app.request("/compte/donnees/coordonnees", withCookie(employer));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain("Corriger les coordonnées de l&#39;entreprise");
		expect(html).toContain(`value="${company.postalCode}"`);
		expect(html).toContain('href="/compte/email"');
	});

	it("refuses a bad postal code and phone in French, changing nothing", async () => {
		const before = await companyOf("employeur1");
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				employer,
				formPost({
					telephone: "12",
					adresse1: "1 rue de la Paix",
					adresse2: "",
					codePostal: "7500",
					ville: "Paris",
				}),
			),
		);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain("Le code postal compte 5 chiffres.");
		expect(html).toContain("numéro de téléphone français");
		expect(await companyOf("employeur1")).toEqual(before);
	});

	it("corrects the company's phone and address, audited by field name, the other company untouched", async () => {
		const other = await companyOf("employeur2");
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				employer,
				formPost({
					telephone: "04 72 00 00 01",
					adresse1: "12 quai Saint-Antoine",
					adresse2: "Bâtiment B",
					codePostal: "69002",
					ville: "Lyon",
				}),
			),
		);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/compte/donnees/coordonnees?enregistre=1");
		const company = await companyOf("employeur1");
		expect(company).toMatchObject({
			phone: "0472000001",
			addressLine1: "12 quai Saint-Antoine",
			addressLine2: "Bâtiment B",
			postalCode: "69002",
			city: "Lyon",
			updatedAt: now,
		});
		expect(await companyOf("employeur2")).toEqual(other);
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "donnees.contact.rectified"), eq(auditEvents.objectType, "company")));
		expect(entry?.objectId).toBe(String(company.id));
		expect(entry?.details?.fields).toContain("addressLine1");
		expect(JSON.stringify(entry)).not.toContain("Saint-Antoine");
		const saved = await (
			await app.request("/compte/donnees/coordonnees?enregistre=1", withCookie(employer))
		).text();
		expect(saved).toContain("Les coordonnées de l&#39;entreprise sont à jour.");
	});
});

describe("a professional", () => {
	it("corrects the practice's address; a move to a known commune keeps it on the network map", async () => {
		const page = await (await app.request("/compte/donnees", withCookie(practice))).text();
		expect(page).toContain("Corriger le téléphone et l&#39;adresse du cabinet");
		const form = await app.request("/compte/donnees/coordonnees", withCookie(practice));
		expect(await form.text()).toContain("Corriger les coordonnées du cabinet");
		const [commune] = await handle.db.select().from(reseauCommunes).limit(1);
		expect(commune).toBeDefined();
		const other = await professionalOf("professionnel2");
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				practice,
				formPost({
					telephone: "",
					adresse1: "3 place de la Mairie",
					adresse2: "",
					codePostal: commune?.postalCode ?? "00000",
					ville: commune?.name ?? "Nulle part",
				}),
			),
		);
		expect(response.status).toBe(303);
		const moved = await professionalOf("professionnel1");
		expect(moved).toMatchObject({
			phone: null,
			addressLine1: "3 place de la Mairie",
			addressLine2: null,
			postalCode: commune?.postalCode,
			city: commune?.name,
		});
		if (commune) {
			expect(moved.inseeCode).toBe(commune.insee);
			expect(moved.latitude).toBe(commune.latitude);
			expect(moved.longitude).toBe(commune.longitude);
		}
		expect(await professionalOf("professionnel2")).toEqual(other);
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, "donnees.contact.rectified"), eq(auditEvents.objectType, "professional")),
			);
		expect(entry?.objectId).toBe(String(moved.id));
	});

	it("leaves the map rather than stay pinned where the practice no longer is, for an unknown commune", async () => {
		const response = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				practice,
				formPost({
					telephone: "01 23 45 67 89",
					adresse1: "1 rue Introuvable",
					adresse2: "",
					codePostal: "99999",
					ville: "Commune inconnue",
				}),
			),
		);
		expect(response.status).toBe(303);
		expect(await professionalOf("professionnel1")).toMatchObject({
			postalCode: "99999",
			inseeCode: null,
			latitude: null,
			longitude: null,
		});
	});
});

describe("staff", () => {
	it("have no company or practice to correct: their contact is their account's e-mail", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.gestionnaire1;
		const cookie = await signInThroughForms(app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		expect((await app.request("/compte/donnees/coordonnees", withCookie(cookie))).status).toBe(403);
		const post = await app.request(
			"/compte/donnees/coordonnees",
			withCookie(
				cookie,
				formPost({ telephone: "", adresse1: "x", adresse2: "", codePostal: "75001", ville: "Paris" }),
			),
		);
		expect(post.status).toBe(403);
	});
});
