// The form items of issue 11. Dates are typed as three fields, day, month and year (the GOV.UK
// date input), never through the browser's date widget, which shows mm/dd/yyyy in an English
// browser: on the sign-up form, the beneficiary forms and the reimbursements filter, sent and
// shown again as typed. Labels say what the rules say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";
import { joinDateParts } from "../lib/date-parts.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now, pepper: PEPPER }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 60_000);
afterAll(() => handle.client.close());

const html = async (path: string, signedIn = true) =>
	(await app.request(path, signedIn ? withCookie(cookie) : {})).text();

function expectThreeFields(page: string, name: string): void {
	expect(page).not.toContain('type="date"');
	for (const part of ["jour", "mois", "annee"]) expect(page).toContain(`name="${name}-${part}"`);
	expect(page).toContain('inputmode="numeric"');
}

describe("dates typed as day, month and year", () => {
	it("are joined into one date, or left for the schema to refuse", () => {
		expect(joinDateParts({ "d-jour": "1", "d-mois": "2", "d-annee": "2026", x: "y" })).toEqual({
			d: "2026-02-01",
			x: "y",
		});
		expect(joinDateParts({ "d-jour": "", "d-mois": " ", "d-annee": "" })).toEqual({ d: "" });
		expect(joinDateParts({ "d-jour": "32", "d-mois": "x", "d-annee": "26" })).toEqual({ d: "32/x/26" });
		expect(joinDateParts({ "d-jour": "1" })).toEqual({ "d-jour": "1" });
	});

	it("are three fields on every form that asks for a date", async () => {
		expectThreeFields(await html("/inscription?espace=adherent", false), "dateNaissance");
		expectThreeFields(await html("/adherent/beneficiaires/ajout"), "dateNaissance");
		expectThreeFields(await html("/adherent/remboursements"), "du");
		const list = await html("/adherent/beneficiaires");
		const removal = /href="(\/adherent\/beneficiaires\/\d+\/retrait)"/.exec(list)?.[1];
		expect(removal).toBeDefined();
		expectThreeFields(await html(removal ?? ""), "dernierJour");
	});

	it("filter the reimbursements, and come back as typed when wrong", async () => {
		const good = await app.request(
			"/adherent/remboursements?du-jour=1&du-mois=1&du-annee=2025&au-jour=&au-mois=&au-annee=",
			withCookie(cookie),
		);
		expect(good.status).toBe(200);
		const page = await good.text();
		expect(page).toContain('name="du-annee" type="text" inputmode="numeric" class="width-4" value="2025"');
		const wrong = await app.request(
			"/adherent/remboursements?du-jour=31&du-mois=2&du-annee=2025",
			withCookie(cookie),
		);
		expect(wrong.status).toBe(400);
		const again = await wrong.text();
		expect(again).toContain("La date de début n&#39;est pas une date valide.");
		expect(again).toContain('value="31"');
	});

	it("ask for the last day of a beneficiary's cover", async () => {
		const list = await html("/adherent/beneficiaires");
		const removal = /href="(\/adherent\/beneficiaires\/\d+\/retrait)"/.exec(list)?.[1] ?? "";
		const response = await app.request(
			removal,
			withCookie(
				cookie,
				formPost({
					"dernierJour-jour": "31",
					"dernierJour-mois": "12",
					"dernierJour-annee": "2026",
					motDePasse: DEMO_ACCOUNTS.adherent1.password,
				}),
			),
		);
		expect(response.status).toBe(303);
	});
});

describe("the newborn's numbers on the beneficiary form", () => {
	it("are labelled as the rule requires them, never « facultatif »", async () => {
		const page = await html("/adherent/beneficiaires/ajout");
		const label = (name: string) =>
			new RegExp(`<label for="champ-${name}">([^<]*)</label>`).exec(page)?.[1] ?? "";
		expect(label("nir")).not.toContain("facultatif");
		expect(label("nirParent")).not.toContain("facultatif");
		expect(label("nirParent")).toContain("obligatoire pour un enfant de moins de");
		const response = await app.request(
			"/adherent/beneficiaires/ajout",
			withCookie(cookie, {
				method: "POST",
				headers: { Origin: "http://localhost" },
				body: (() => {
					const form = new FormData();
					for (const [key, value] of Object.entries({
						lien: "enfant",
						nom: "Martin",
						prenom: "Léa",
						"dateNaissance-jour": "1",
						"dateNaissance-mois": "10",
						"dateNaissance-annee": "2026",
						sexe: "F",
						nir: "",
						nirParent: "",
					}))
						form.set(key, value);
					return form;
				})(),
			}),
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("saisissez le numéro de sécurité sociale du parent");
	});
});
