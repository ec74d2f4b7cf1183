// « Mes choix » through the real forms: opposition and consent to prospecting and profiling,
// dated, withdrawn; directives after death and the person who carries them out, replaced and
// revoked; bad input changes nothing; every change audited and in the export.
import { asc, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETENTION_RULES } from "../../../core/donnees/retention.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { auditEvents, consents, dataDirectives } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
let cookie: string;
let accountId: number;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 13,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	cookie = await signInDemoMember(app, handle.db, "adherent1");
	accountId = (await demoAccount(handle.db, "adherent1")).id;
}, 120_000);
afterAll(() => handle.client.close());

const post = (path: string, fields: Record<string, string>) =>
	app.request(`/compte/donnees/choix${path}`, withCookie(cookie, formPost(fields)));
const tick = () => {
	now = new Date(now.getTime() + 60_000);
};
const show = async () => (await app.request("/compte/donnees/choix", withCookie(cookie))).text();

describe("prospecting and profiling", () => {
	it("says no consent was ever given, and that nothing is done without it", async () => {
		const html = await show();
		expect(html).toContain("Vous n&#39;avez jamais donné votre accord : rien n&#39;est fait sans lui.");
	});

	// CGU art. 8
	it("records a consent, dated, and its withdrawal later, keeping both", async () => {
		tick();
		expect((await post("/consentements", { prospection: "accepted", profilage: "opposed" })).status).toBe(
			303,
		);
		expect(await show()).toContain("Votre choix du 26 novembre 2026.");
		tick();
		expect((await post("/consentements", { prospection: "opposed", profilage: "opposed" })).status).toBe(303);
		const rows = await handle.db
			.select()
			.from(consents)
			.where(eq(consents.accountId, accountId))
			.orderBy(asc(consents.id));
		expect(rows.map((row) => [row.purpose, row.choice])).toEqual([
			["marketing", "accepted"],
			["profiling", "opposed"],
			["marketing", "opposed"],
		]);
		const actions = (
			await handle.db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId))
		).map((row) => row.action);
		expect(actions).toContain("donnees.consent.given");
		expect(actions).toContain("donnees.consent.withdrawn");
	});

	it("refuses a value outside the list with a French message and changes nothing", async () => {
		const before = await handle.db.select().from(consents);
		const response = await post("/consentements", { prospection: "peut-etre", profilage: "opposed" });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("Choisissez « J&#39;accepte » ou « Je refuse ».");
		expect(await handle.db.select().from(consents)).toEqual(before);
	});
});

describe("directives after death and the person who carries them out", () => {
	it("records directives, replaces them, and revokes them", async () => {
		tick();
		expect((await post("/directives", { directives: "Effacer toutes mes données." })).status).toBe(303);
		expect(await show()).toContain("« Effacer toutes mes données. »");
		tick();
		expect((await post("/directives", { directives: "Les transmettre à ma fille." })).status).toBe(303);
		let html = await show();
		expect(html).toContain("« Les transmettre à ma fille. »");
		expect(html).not.toContain("Effacer toutes mes données.");
		tick();
		expect((await post("/revoquer", { type: "post_mortem_directives" })).status).toBe(303);
		html = await show();
		expect(html).toContain("Vous n&#39;avez pas donné de directives.");
		const rows = await handle.db.select().from(dataDirectives).where(eq(dataDirectives.accountId, accountId));
		expect(rows).toHaveLength(2);
		expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
	});

	it("designates a person and revokes the designation", async () => {
		tick();
		expect((await post("/personne", { nom: "Camille Mercier", contact: "camille@example.org" })).status).toBe(
			303,
		);
		expect(await show()).toContain("Camille Mercier (camille@example.org)");
		tick();
		expect((await post("/revoquer", { type: "trusted_person" })).status).toBe(303);
		expect(await show()).toContain("Vous n&#39;avez désigné personne.");
	});

	it("refuses empty directives and an unknown kind", async () => {
		expect((await post("/directives", { directives: "" })).status).toBe(400);
		expect((await post("/revoquer", { type: "tout" })).status).toBe(400);
		expect((await post("/personne", { nom: "A", contact: "" })).status).toBe(400);
	});

	it("puts every choice, with its dates, in the export", async () => {
		const response = await app.request("/compte/donnees/export", withCookie(cookie));
		const json = JSON.parse(
			strFromU8(unzipSync(new Uint8Array(await response.arrayBuffer()))["donnees.json"] as Uint8Array),
		);
		expect(json.consentements).toHaveLength(3);
		expect(json.directives.map((row: { type: string }) => row.type)).toEqual([
			"post_mortem_directives",
			"post_mortem_directives",
			"trusted_person",
		]);
		expect(json.directives[2].revoqueesLe).toBe(now.toISOString());
	});
});

describe("the account deletion page", () => {
	it("says what is deleted, what is kept, for how long and why, from the rules the worker enforces", async () => {
		const html = await (await app.request("/compte/fermeture", withCookie(cookie))).text();
		for (const rule of RETENTION_RULES) {
			expect(html).toContain(rule.what.replaceAll("'", "&#39;"));
			expect(html).toContain(rule.kept.replaceAll("'", "&#39;"));
		}
		expect(html).toContain("L123-22 du Code de commerce");
		expect(html).toContain('href="/compte/donnees/export"');
	});
});
