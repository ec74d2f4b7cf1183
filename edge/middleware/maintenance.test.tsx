// Article 4 of the CGU through the app: during maintenance pages are served with a banner, a
// write is refused (503, Retry-After, French message) and nothing of it is written, then the same
// write goes through once the maintenance is over; signing in stays possible; the JSON API says
// the same; MAINTENANCE=on does it by configuration; an announced window shows on the banner
// before it starts and starts by itself; /etat-du-service shows the state and the incidents.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	announceMaintenance,
	endMaintenance,
	forgetServiceState,
	reportIncident,
	resolveIncident,
	startMaintenance,
} from "../../core/maintenance.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { members, serviceEvents } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import {
	apiTokenOfDemoMember,
	createTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
let cookie: string;
const contact = {
	telephone: "0612345678",
	adresse1: "5 quai Claude Bernard",
	adresse2: "",
	codePostal: "69007",
	ville: "Lyon",
};

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 23,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 120_000);
afterAll(() => handle.client.close());

async function address(): Promise<string> {
	const account = await demoAccount(handle.db, "adherent1");
	const [row] = await handle.db
		.select()
		.from(members)
		.where(eq(members.id, account.memberId as number));
	return row?.addressLine1 ?? "";
}

describe("maintenance switched by staff", () => {
	// CGU art. 4
	it("serves pages with a banner, refuses a write with a 503 and writes nothing of it", async () => {
		await startMaintenance(
			handle.db,
			{ message: "Mise à jour du système.", endsAt: new Date("2026-11-26T10:00:00Z") },
			now,
		);
		const page = await app.request("/adherent", withCookie(cookie));
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Maintenance en cours.</strong> Mise à jour du système.");
		expect(html).toContain("Fin prévue le 26/11/2026 à 11:00");

		const before = await address();
		const refused = await app.request("/compte/donnees/coordonnees", withCookie(cookie, formPost(contact)));
		expect(refused.status).toBe(503);
		expect(refused.headers.get("Retry-After")).toBe("3600");
		const text = await refused.text();
		expect(text).toContain("Votre demande n&#39;a pas été enregistrée, et rien n&#39;a été modifié.");
		expect(text).toContain("Vos informations sont toujours dans le formulaire");
		expect(await address()).toBe(before);
	});

	it("answers the JSON API with a 503 in French as well", async () => {
		const response = await app.request("/api/v1/auth/cgu", {
			method: "POST",
			headers: { "Content-Type": "application/json", Authorization: "Bearer x" },
			body: "{}",
		});
		expect(response.status).toBe(503);
		expect(response.headers.get("Retry-After")).toBe("3600");
		const body = (await response.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe("unavailable");
		expect(body.error.message).toContain("Une opération de maintenance est en cours");
	});

	it("still lets a member sign in to read", async () => {
		now = new Date(now.getTime() + 60_000);
		const again = await signInDemoMember(app, handle.db, "adherent2");
		expect((await app.request("/adherent/remboursements", withCookie(again))).status).toBe(200);
		const token = await apiTokenOfDemoMember(app, handle.db, "adherent2");
		expect(token.length).toBeGreaterThan(10);
	});

	it("takes the same write once the maintenance is over", async () => {
		await endMaintenance(handle.db, now);
		const html = await (await app.request("/adherent", withCookie(cookie))).text();
		expect(html).not.toContain("Maintenance en cours");
		const accepted = await app.request("/compte/donnees/coordonnees", withCookie(cookie, formPost(contact)));
		expect(accepted.status).toBe(303);
		expect(await address()).toBe("5 quai Claude Bernard");
	});
});

describe("maintenance announced, by configuration, and the state page", () => {
	// CGU art. 4
	it("announces a window on the banner, then starts it by itself and ends it at its end", async () => {
		const startsAt = new Date("2026-11-26T22:00:00Z");
		const endsAt = new Date("2026-11-26T23:00:00Z");
		expect(
			await announceMaintenance(handle.db, { message: "Changement de serveur.", startsAt, endsAt }, now),
		).toMatchObject({ ok: true });
		expect(
			await announceMaintenance(handle.db, { message: "Trop tard.", startsAt: now, endsAt }, now),
		).toMatchObject({ ok: false });
		let html = await (await app.request("/adherent", withCookie(cookie))).text();
		expect(html).toContain("Maintenance prévue le 26/11/2026 à 23:00.</strong> Changement de serveur.");
		now = new Date("2026-11-26T22:10:00Z");
		forgetServiceState(handle.db);
		const fresh = await signInDemoMember(app, handle.db, "adherent1");
		html = await (await app.request("/adherent", withCookie(fresh))).text();
		expect(html).toContain("Maintenance en cours.</strong> Changement de serveur.");
		const refused = await app.request("/compte/donnees/coordonnees", withCookie(fresh, formPost(contact)));
		expect(refused.status).toBe(503);
		expect(refused.headers.get("Retry-After")).toBe("3000");
		now = new Date("2026-11-26T23:00:01Z");
		forgetServiceState(handle.db);
		const last = await signInDemoMember(app, handle.db, "adherent1");
		expect(
			(await app.request("/compte/donnees/coordonnees", withCookie(last, formPost(contact)))).status,
		).toBe(303);
		cookie = last;
	});

	it("switches maintenance on by configuration (MAINTENANCE=on)", async () => {
		const configured = createTestApp({
			db: handle.db,
			clock: () => now,
			pepper: PEPPER,
			env: { MAINTENANCE: "on" },
		});
		forgetServiceState(handle.db);
		const html = await (await configured.request("/etat-du-service")).text();
		expect(html).toContain("Maintenance en cours : vous pouvez consulter vos informations");
		const refused = await configured.request(
			"/compte/donnees/coordonnees",
			withCookie(cookie, formPost(contact)),
		);
		expect(refused.status).toBe(503);
		expect(refused.headers.get("Retry-After")).toBe("600");
		forgetServiceState(handle.db);
	});

	// CGU art. 4
	it("shows the state, the announced windows and the incidents of the last 90 days on /etat-du-service", async () => {
		const id = await reportIncident(handle.db, "Remboursements affichés avec retard.", now, now);
		let html = await (await app.request("/etat-du-service")).text();
		expect(html).toContain("Incident en cours : certains services peuvent être perturbés.");
		expect(html).toContain("Remboursements affichés avec retard.");
		expect(await resolveIncident(handle.db, id, now)).toBe(true);
		expect(await resolveIncident(handle.db, id, now)).toBe(false);
		html = await (await app.request("/etat-du-service")).text();
		expect(html).toContain("Tous les services fonctionnent normalement.");
		expect(html).toContain("Remboursements affichés avec retard.");
		const later = createTestApp({
			db: handle.db,
			clock: () => new Date(now.getTime() + 91 * 86_400_000),
			pepper: PEPPER,
		});
		expect(await (await later.request("/etat-du-service")).text()).not.toContain(
			"Remboursements affichés avec retard.",
		);
		expect((await handle.db.select().from(serviceEvents)).length).toBeGreaterThanOrEqual(3);
	});
});
