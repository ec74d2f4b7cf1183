// The cookieless audience through the app: a page shown is counted by day, space and route
// pattern; nothing else is stored (no IP, no user agent, no identifier); errors, redirects and
// files are not counted; counts are batched and survive a failed write.
import { getTableColumns } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceCounter, audienceFigures, audienceSpaceOf } from "../../core/audience.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { pageViews } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { createTestApp, signInDemoMember, withCookie } from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
const now = new Date("2026-11-26T09:00:00Z");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 19,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 120_000);
afterAll(() => handle.client.close());

describe("the audience counter", () => {
	// CGU art. 8
	it("stores nothing but the day, the space, the route pattern and a count", () => {
		expect(Object.keys(getTableColumns(pageViews)).sort()).toEqual(["day", "path", "space", "views"]);
	});

	it("counts pages shown by route pattern, in their space, and nothing else", async () => {
		const cookie = await signInDemoMember(app, handle.db, "adherent1");
		await audienceCounter(handle.db).flush(now, true);
		await handle.db.delete(pageViews);
		const listing = await (await app.request("/adherent/releves", withCookie(cookie))).text();
		const statement = /href="(\/adherent\/releves\/\d+)"/.exec(listing)?.[1] as string;
		for (const path of ["/adherent", "/adherent", statement, "/compte/donnees", "/connexion"])
			expect((await app.request(path, withCookie(cookie))).status, path).toBeLessThan(400);
		// Not counted: a redirect, a 404, a file.
		await app.request("/adherent/releves/999999", withCookie(cookie));
		await app.request("/adherent/garanties.pdf", withCookie(cookie));
		await app.request("/compte/donnees/export", withCookie(cookie));
		await audienceCounter(handle.db).flush(now, true);
		const rows = await audienceFigures(handle.db, { from: "2026-11-26", to: "2026-11-26" });
		expect(rows).toEqual(
			expect.arrayContaining([
				{ day: "2026-11-26", space: "adherent", path: "/adherent", views: 2 },
				{ day: "2026-11-26", space: "adherent", path: "/adherent/releves", views: 1 },
				{ day: "2026-11-26", space: "adherent", path: "/adherent/releves/:statement{[0-9]+}", views: 1 },
				{ day: "2026-11-26", space: "adherent", path: "/compte/donnees", views: 1 },
			]),
		);
		expect(rows.map((row) => row.path).join(" ")).not.toMatch(/\d{3,}|garanties\.pdf|export/);
	});

	it("writes in batches, and keeps a batch whose write failed for the next one", async () => {
		await handle.db.delete(pageViews);
		const counter = audienceCounter(handle.db);
		counter.record("public", "/cookies", now);
		expect(await counter.flush(now)).toBe(0);
		expect(await counter.flush(new Date(now.getTime() + 5_000))).toBe(1);
		counter.record("public", "/cookies", now);
		await handle.client.execute("ALTER TABLE page_views RENAME TO page_views_away");
		await expect(counter.flush(now, true)).rejects.toThrow();
		await handle.client.execute("ALTER TABLE page_views_away RENAME TO page_views");
		counter.record("public", "/cookies", now);
		expect(await counter.flush(now, true)).toBe(1);
		expect(await audienceFigures(handle.db, { from: "2026-11-26", to: "2026-11-26" })).toEqual([
			{ day: "2026-11-26", space: "public", path: "/cookies", views: 3 },
		]);
	});

	it("places account pages in the account's space and the rest by prefix", () => {
		expect(audienceSpaceOf("/compte/donnees", "employeur")).toBe("employeur");
		expect(audienceSpaceOf("/compte/donnees", null)).toBe("public");
		expect(audienceSpaceOf("/professionnel/factures", null)).toBe("professionnel");
		expect(audienceSpaceOf("/gestion", "gestionnaire")).toBe("gestionnaire");
	});

	it("is due to write only when something was counted and the last write is old enough", async () => {
		const counter = audienceCounter(handle.db);
		await counter.flush(now, true);
		expect(counter.due(new Date(now.getTime() + 3_600_000))).toBe(false);
		counter.record("public", "/reseau", now);
		// Just written: a page view only counts (no promise, no execution context asked for).
		expect(counter.due(now)).toBe(false);
		expect(counter.due(new Date(now.getTime() + 3_600_000))).toBe(true);
		await counter.flush(new Date(now.getTime() + 3_600_000));
		expect(counter.due(new Date(now.getTime() + 7_200_000))).toBe(false);
	});
});
