// The member's reimbursements on a seeded database, through the real sign-in forms: the list
// (newest first, filters, pages, bad criteria), the detail and its computation, the CSV export,
// « Je ne reconnais pas ce remboursement », and the walls: another family's line is a 404, an
// employer gets 403 on every path.
import { gzipSync } from "node:zlib";
import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../demo/accounts.ts";
import {
	auditEvents,
	beneficiaries,
	persons,
	prestations,
	requestStatusHistory,
	requests,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoMemberId } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { CSV_HEADER } from "../../views/adherent/remboursements-csv.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let member: string;
let employer: string;
let memberId: number;
let otherFamilyLine: number;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	const { adherent1, employeur1 } = DEMO_ACCOUNTS;
	member = await signInThroughForms(app, adherent1.identifier, adherent1.password, () =>
		latestSignInCode(handle.db, adherent1.email),
	);
	const totp = new OTPAuth.TOTP({
		secret: DEMO_TOTP_SECRETS.employeur,
		digits: 6,
		period: 30,
		algorithm: "SHA1",
	});
	employer = await signInThroughForms(app, employeur1.identifier, employeur1.password, async () =>
		totp.generate({ timestamp: now.getTime() }),
	);
	memberId = await demoMemberId(handle.db, "adherent1");
	const [theirs] = await handle.db
		.select({ id: prestations.id })
		.from(prestations)
		.where(eq(prestations.memberId, await demoMemberId(handle.db, "adherent2")))
		.limit(1);
	otherFamilyLine = theirs?.id ?? 0;
}, 60_000);
afterAll(() => handle.client.close());

const get = (path: string, cookie = member) => app.request(path, withCookie(cookie));

/** The body rows of the first table of a page, as plain text cells. */
function tableRows(html: string): string[][] {
	const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
	return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
		[...(row[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
			(cell[1] ?? "")
				.replace(/<[^>]+>/g, " ")
				.replace(/\s+/g, " ")
				.trim(),
		),
	);
}

/** "26/11/2026" → "2026-11-26", to compare dates as text. */
const isoOf = (french: string) => french.split("/").reverse().join("-");

function countLines(where: Parameters<typeof and>) {
	return handle.db.$count(prestations, and(eq(prestations.memberId, memberId), ...where));
}

describe("the list of reimbursements", () => {
	it("shows every line newest first, 25 a page, with a labelled pagination", async () => {
		const total = await countLines([]);
		expect(total).toBeGreaterThan(100);
		const first = await get("/adherent/remboursements");
		expect(first.status).toBe(200);
		const html = await first.text();
		expect(html).toContain(`${total} remboursements, page 1 sur ${Math.ceil(total / 25)}`);
		expect(html).toMatch(/<caption id="remboursements-titre">/);
		expect(html).toContain('<nav class="pagination" aria-label="Pages des remboursements">');
		expect(html).toMatch(
			/<a href="\/adherent\/remboursements" aria-current="page"><span class="sr-only">Page <\/span>1<\/a>/,
		);
		const rows = tableRows(html);
		expect(rows).toHaveLength(25);
		const second = tableRows(await (await get("/adherent/remboursements?page=2")).text());
		const dates = [...rows, ...second].map((row) => isoOf(row[0] ?? ""));
		expect(dates).toEqual([...dates].sort().reverse());
		const [newest] = await handle.db
			.select({ careDate: prestations.careDate })
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.orderBy(desc(prestations.careDate))
			.limit(1);
		expect(dates[0]).toBe(newest?.careDate);
		expect(gzipSync(html).length).toBeLessThan(30 * 1024);
		expect(html).not.toContain("<script");
	});

	it("filters by beneficiary, period and care category, and keeps the criteria in the page links", async () => {
		const [lea] = await handle.db
			.select({ id: beneficiaries.id })
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(and(eq(beneficiaries.memberId, memberId), eq(persons.firstName, "Léa")));
		const leaId = lea?.id ?? 0;
		const byBeneficiary = await (await get(`/adherent/remboursements?beneficiaire=${leaId}`)).text();
		const expected = await countLines([eq(prestations.beneficiaryId, leaId)]);
		expect(byBeneficiary).toContain(`${expected} remboursements`);
		expect(tableRows(byBeneficiary).every((row) => row[2] === "Léa Mercier")).toBe(true);
		expect(byBeneficiary).toContain(`href="/adherent/remboursements?beneficiaire=${leaId}&amp;page=2"`);
		expect(byBeneficiary).toMatch(new RegExp(`<option value="${leaId}" selected="">Léa Mercier</option>`));

		const query = "du=2024-01-01&au=2024-12-31&categorie=pharmacie&beneficiaire=";
		const filtered = await (await get(`/adherent/remboursements?${query}`)).text();
		const inPeriod = await countLines([
			gte(prestations.careDate, "2024-01-01"),
			lte(prestations.careDate, "2024-12-31"),
			eq(prestations.categoryCode, "pharmacie"),
		]);
		expect(inPeriod).toBeGreaterThan(0);
		expect(filtered).toContain(`${inPeriod} remboursement`);
		for (const row of tableRows(filtered)) {
			expect(isoOf(row[0] ?? "") >= "2024-01-01" && isoOf(row[0] ?? "") <= "2024-12-31").toBe(true);
			expect(row[1]).toMatch(/Médicament/);
		}
		const empty = await (await get("/adherent/remboursements?du=2000-01-01&au=2000-12-31")).text();
		expect(empty).toContain("Aucun remboursement ne correspond à ces critères.");
	});

	it("answers wrong criteria with 400 and a French message next to the field, never a 500", async () => {
		const cases: [string, string][] = [
			["du=2026-02-30", "La date de début n&#39;est pas une date valide."],
			["du=2026-05-01&au=2026-04-01", "La date de fin doit être postérieure à la date de début."],
			["categorie=astrologie", "Choisissez une catégorie de soins dans la liste."],
			["categorie=%3Cscript%3E", "Choisissez une catégorie de soins dans la liste."],
			["beneficiaire=abc", "Choisissez un bénéficiaire dans la liste."],
			["page=0", "Le numéro de page doit être un nombre entier positif."],
			["tri=montant", "Cette adresse contient un critère inconnu."],
			["page=1&page=2", "Un même paramètre figure plusieurs fois dans l&#39;adresse demandée."],
		];
		for (const [query, message] of cases) {
			const response = await get(`/adherent/remboursements?${query}`);
			expect(response.status, query).toBe(400);
			expect(await response.text(), query).toContain(message);
		}
		// A beneficiary of another family is not in this member's allow-list.
		const [other] = await handle.db
			.select({ id: beneficiaries.id })
			.from(beneficiaries)
			.where(eq(beneficiaries.memberId, await demoMemberId(handle.db, "adherent2")))
			.limit(1);
		const foreign = await get(`/adherent/remboursements?beneficiaire=${other?.id}`);
		expect(foreign.status).toBe(400);
		expect(await foreign.text()).toContain('aria-invalid="true"');
		expect((await get("/adherent/remboursements?page=999")).status).toBe(404);
	});
});

describe("the detail of a line", () => {
	it("shows the computation: base, rate, deductions, the mutuelle's share and the reste à charge", async () => {
		const [line] = await handle.db
			.select()
			.from(prestations)
			.where(
				and(
					eq(prestations.memberId, memberId),
					eq(prestations.actCode, "G"),
					gte(prestations.participationForfaitaireCents, 1),
				),
			)
			.orderBy(desc(prestations.careDate))
			.limit(1);
		if (!line) throw new Error("no GP line in the demo history");
		const response = await get(`/adherent/remboursements/${line.id}`);
		expect(response.status).toBe(200);
		const html = (await response.text()).replaceAll("\u202f", " ").replaceAll("\u00a0", " ");
		const euros = (cents: number) => `${(cents / 100).toFixed(2).replace(".", ",")} €`;
		expect(html).toContain("<h1>Consultation de médecin généraliste</h1>");
		// Each cell carries its column's header for narrow screens (views/stacked-tables.ts).
		expect(html).toContain(`<td class="num" data-label="Montant">${euros(line.baseCents)}</td>`);
		expect(html).toContain(`<td class="num" data-label="Montant">${line.ssRateBp / 100} %</td>`);
		expect(html).toContain(`− ${euros(line.participationForfaitaireCents)}`);
		expect(html).toContain(
			`${euros(line.chargedCents)} − ${euros(line.ssPaidCents)} − ${euros(line.mutuelleCents)} = ${euros(line.remainingCents)}`,
		);
		expect(html).toContain('<caption id="calcul-titre">Calcul du remboursement</caption>');
	});

	it("answers 404 for another family's line, exactly as for a line that does not exist", async () => {
		const theirs = await get(`/adherent/remboursements/${otherFamilyLine}`);
		const missing = await get("/adherent/remboursements/999999999");
		expect(theirs.status).toBe(404);
		expect(missing.status).toBe(404);
		const strip = (html: string) => html.replace(/[0-9a-f]{32}/g, "");
		expect(strip(await theirs.text())).toBe(strip(await missing.text()));
		expect((await get("/adherent/remboursements/abc")).status).toBe(404);
		const reported = await app.request(
			`/adherent/remboursements/${otherFamilyLine}/signalement`,
			withCookie(member, formPost({ commentaire: "" })),
		);
		expect(reported.status).toBe(404);
	});
});

describe("the CSV export", () => {
	it("downloads the filtered list for a French spreadsheet, and is audited", async () => {
		const response = await get("/adherent/remboursements.csv?du=2025-01-01&au=2025-12-31");
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		expect(response.headers.get("Content-Disposition")).toBe(
			'attachment; filename="remboursements-2026-11-26.csv"',
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const parsed = Papa.parse<string[]>(text, { delimiter: ";", skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		const [header, ...rows] = parsed.data;
		expect(header).toEqual([...CSV_HEADER]);
		const lines = await handle.db
			.select()
			.from(prestations)
			.where(
				and(
					eq(prestations.memberId, memberId),
					gte(prestations.careDate, "2025-01-01"),
					lte(prestations.careDate, "2025-12-31"),
				),
			)
			.orderBy(desc(prestations.careDate), desc(prestations.id));
		expect(rows).toHaveLength(lines.length);
		const column = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
		const cents = (value: string | undefined) => Math.round(Number((value ?? "").replace(",", ".")) * 100);
		expect(rows.map((row) => cents(row[column("Part mutuelle (€)")]))).toEqual(
			lines.map((l) => l.mutuelleCents),
		);
		expect(rows.map((row) => cents(row[column("Montant dépensé (€)")]))).toEqual(
			lines.map((l) => l.chargedCents),
		);
		expect(rows[0]?.[column("Date des soins")]).toBe(lines[0]?.careDate.split("-").reverse().join("/"));
		expect(rows.every((row) => /^\d+,\d{2}$/.test(row[column("Reste à charge (€)")] ?? ""))).toBe(true);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "adherent.reimbursements.exported"))
			.orderBy(desc(auditEvents.seq))
			.limit(1);
		expect(event).toMatchObject({ outcome: "success", details: { format: "csv", rows: lines.length } });
		expect((await get("/adherent/remboursements.csv?du=hier")).status).toBe(400);
	});
});

describe("« Je ne reconnais pas ce remboursement »", () => {
	it("records one réclamation per line for staff, shows its reference, and gives it back on a second report", async () => {
		const [line] = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.orderBy(asc(prestations.id))
			.limit(1);
		const path = `/adherent/remboursements/${line?.id}`;
		expect(await (await get(path)).text()).toContain("Signaler ce remboursement");
		const tooLong = await app.request(
			`${path}/signalement`,
			withCookie(member, formPost({ commentaire: "x".repeat(1001) })),
		);
		expect(tooLong.status).toBe(400);
		expect(await tooLong.text()).toContain("Le commentaire ne doit pas dépasser 1 000 caractères.");

		const first = await app.request(
			`${path}/signalement`,
			withCookie(member, formPost({ commentaire: "Je n'ai pas consulté ce jour-là." })),
		);
		expect(first.status).toBe(303);
		expect(first.headers.get("Location")).toBe(`${path}?signalement=enregistre#signalement`);
		const shown = await (await get(`${path}?signalement=enregistre`)).text();
		const reference = /<strong>(R2026-\d{6})<\/strong>/.exec(shown)?.[1];
		expect(reference).toBeDefined();
		expect(shown).toContain("Votre signalement est enregistré");
		expect(shown).not.toContain("Signaler ce remboursement");

		const again = await app.request(`${path}/signalement`, withCookie(member, formPost({ commentaire: "" })));
		expect(again.headers.get("Location")).toBe(`${path}?signalement=deja#signalement`);
		expect(await (await get(`${path}?signalement=deja`)).text()).toContain(`<strong>${reference}</strong>`);

		const recorded = await handle.db
			.select()
			.from(requests)
			.where(eq(requests.subKind, "unrecognised_reimbursement"));
		expect(recorded).toHaveLength(1);
		expect(recorded[0]).toMatchObject({
			reference,
			kind: "complaint",
			status: "received",
			payload: { prestationId: line?.id, comment: "Je n'ai pas consulté ce jour-là." },
		});
		const history = await handle.db
			.select()
			.from(requestStatusHistory)
			.where(eq(requestStatusHistory.requestId, recorded[0]?.id ?? 0));
		expect(history).toMatchObject([{ fromStatus: null, toStatus: "received" }]);
		expect(await (await get("/adherent")).text()).toContain(
			`Remboursement non reconnu <strong>${reference}</strong>`,
		);
		expect((await get(`${path}?signalement=autre`)).status).toBe(400);
	});
});

describe("an employer account", () => {
	it("gets 403 on every path of the reimbursements and on the dashboard", async () => {
		for (const path of [
			"/adherent",
			"/adherent/remboursements",
			"/adherent/remboursements?page=2",
			"/adherent/remboursements.csv",
			`/adherent/remboursements/${otherFamilyLine}`,
		]) {
			expect((await get(path, employer)).status, path).toBe(403);
		}
		const post = await app.request(
			`/adherent/remboursements/${otherFamilyLine}/signalement`,
			withCookie(employer, formPost({ commentaire: "" })),
		);
		expect(post.status).toBe(403);
	});

	it("and a visitor is sent to the sign-in page", async () => {
		const response = await app.request("/adherent/remboursements?du=2025-01-01");
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe(
			`/connexion?next=${encodeURIComponent("/adherent/remboursements?du=2025-01-01")}`,
		);
	});
});
