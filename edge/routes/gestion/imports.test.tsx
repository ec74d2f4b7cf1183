// « Imports » in the back-office through the real form, on the seeded demo: admin only; a file
// with broken lines is written but for them, each listed with its reason (escaped); bad input
// comes back with a French message and writes nothing; the run is audited with the staff member.
import { and, desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantStaffRole } from "../../../core/gestion/staff.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { auditEvents, members } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import {
	createTestApp,
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

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 7,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 120_000);
afterAll(() => handle?.client.close());

async function signIn(key: "gestionnaire1" | "gestionnaire2", on: App = app): Promise<string> {
	now = new Date(now.getTime() + 16 * 60_000);
	const { identifier, password, email } = DEMO_ACCOUNTS[key];
	return signInThroughForms(on, identifier, password, () => latestSignInCode(handle.db, email));
}

const HEADER = "numero_adherent;nom;prenom;date_naissance;sexe;adresse_1;code_postal;ville";
const GOOD = "77000001;Durand;Lucie;1980-04-12;F;3 rue des Lilas;69003;Lyon";

/** The form as a browser sends it; `file` undefined: no file chosen, null: no file field at all. */
async function upload(cookie: string, fields: { type?: string; file?: File | null }, on: App = app) {
	const body = new FormData();
	if (fields.type !== undefined) body.set("type", fields.type);
	if (fields.file !== null) body.set("fichier", fields.file ?? new File([], ""));
	const response = await on.request(
		"/gestion/imports",
		withCookie(cookie, { method: "POST", headers: { Origin: TEST_ORIGIN }, body }),
	);
	return { status: response.status, html: (await response.text()).replaceAll("&#39;", "'") };
}

const memberCount = async () => (await handle.db.select({ id: members.id }).from(members)).length;

describe("/gestion/imports", () => {
	it("is refused to an agent and a superviseur with the back-office's 403", async () => {
		const agent = await signIn("gestionnaire2");
		for (const response of [
			await app.request("/gestion/imports", withCookie(agent)),
			await upload(agent, { type: "adherents", file: new File([`${HEADER}\n${GOOD}\n`], "a.csv") }),
		]) {
			expect(response.status).toBe(403);
		}
		await grantStaffRole(handle.db, {
			identifier: DEMO_ACCOUNTS.gestionnaire2.identifier,
			role: "superviseur",
			now,
			grantedByAccountId: null,
			via: "test",
		});
		const refused = await app.request("/gestion/imports", withCookie(agent));
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain("Votre rôle ne donne pas accès à cette partie");
		const home = await (await app.request("/gestion", withCookie(agent))).text();
		expect(home).not.toContain('href="/gestion/imports"');
	});

	it("shows the admin the form, writes the good lines and lists each broken one with its reason, audited", async () => {
		const admin = await signIn("gestionnaire1");
		expect(await (await app.request("/gestion", withCookie(admin))).text()).toContain(
			'href="/gestion/imports"',
		);
		const form = await app.request("/gestion/imports", withCookie(admin));
		expect(form.status).toBe(200);
		expect(await form.text()).toContain('<option value="prestations">Prestations (remboursements)</option>');
		const before = await memberCount();
		const csv = [
			HEADER,
			GOOD,
			"abc;Petit;<b>Zoé</b>;1990-01-01;F;1 rue;69003;Lyon",
			"77000003;Roux;Marc;1970-01-01;X;1 rue;69003;Lyon",
		];
		const report = await upload(admin, {
			type: "adherents",
			file: new File([`${csv.join("\n")}\n`], "adherents.csv"),
		});
		expect(report.status).toBe(200);
		expect(report.html).toContain("3 lignes lues");
		expect(report.html).toContain("1 ligne enregistrée");
		expect(report.html).toContain("2 lignes refusées");
		expect(report.html).toMatch(
			/<th scope="row"[^>]*>3<\/th><td[^>]*>numero_adherent : des chiffres seulement\.<\/td>/,
		);
		expect(report.html).toMatch(/<th scope="row"[^>]*>4<\/th><td[^>]*>sexe : « F » ou « M »\.<\/td>/);
		expect(report.html).not.toContain("<b>Zoé");
		expect(await memberCount()).toBe(before + 1);
		const staff = await demoAccount(handle.db, "gestionnaire1");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "import.adherents"), eq(auditEvents.accountId, staff.id)))
			.orderBy(desc(auditEvents.seq))
			.limit(1);
		expect(entry).toMatchObject({ actorKind: "staff", outcome: "success" });
		expect(entry?.sessionId).toBeTruthy();
		expect(entry?.details).toMatchObject({ lines: 3, written: 1, rejected: 2, via: "gestion" });
	});

	it("says when the run stopped, and that sending the same file again finishes it", async () => {
		const admin = await signIn("gestionnaire1");
		// Last and without a line break: the reader holds it whole, past its 64 KB bound, and stops.
		const long = `77000009;${"x".repeat(70 * 1024)};Lucie;1980-04-12;F;1 rue;69003;Lyon`;
		const report = await upload(admin, {
			type: "adherents",
			file: new File([`${HEADER}\n${GOOD}\n${long}`], "long.csv"),
		});
		expect(report.status).toBe(200);
		expect(report.html).toContain("L'import s'est arrêté après la ligne 0");
		expect(report.html).toContain("envoyez de nouveau le même fichier pour terminer l'import");
	});

	it("refuses bad input with a French message and writes nothing", async () => {
		const admin = await signIn("gestionnaire1");
		const audited = async () =>
			(
				await handle.db
					.select({ id: auditEvents.seq })
					.from(auditEvents)
					.where(like(auditEvents.action, "import.%"))
			).length;
		const [members0, runs0] = [await memberCount(), await audited()];
		const good = () => new File([`${HEADER}\n${GOOD}\n`], "a.csv");
		const cases: [Parameters<typeof upload>[1], string][] = [
			[{ type: "adherents", file: null }, "Choisissez le fichier à importer."],
			[{ type: "adherents" }, "Choisissez le fichier à importer."],
			[{ type: "adherents", file: new File([], "vide.csv") }, "Le fichier est vide."],
			[{ type: "inconnu", file: good() }, "Choisissez le type de données à importer."],
			[
				{ type: "adherents", file: new File([GOOD], "a.pdf") },
				"Envoyez un fichier CSV (.csv) ou JSON Lines (.jsonl).",
			],
			[
				{
					type: "adherents",
					file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff])], "image.csv"),
				},
				"Ce fichier n'est pas un texte CSV ou JSON Lines en UTF-8.",
			],
		];
		for (const [fields, message] of cases) {
			const response = await upload(admin, fields);
			expect(response.status, message).toBe(400);
			expect(response.html).toContain(message);
		}
		const small = createTestApp({
			db: handle.db,
			clock: () => now,
			pepper: PEPPER,
			env: { BODY_LIMIT_BYTES: "2048" },
		});
		const tooLarge = await upload(
			admin,
			{ type: "adherents", file: new File([`${HEADER}\n${GOOD}\n`.repeat(40)], "a.csv") },
			small,
		);
		expect(tooLarge.status).toBe(413);
		expect(tooLarge.html).toMatch(/volumineux/);
		expect([await memberCount(), await audited()]).toEqual([members0, runs0]);
	});
});
