// The dashboard benchmark's member must open the real dashboard on any day: before a new version
// of the terms comes into force, on its first day (in Paris), and long after.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { createTestApp } from "../../tests/support/route-testing.ts";
import { TEST_CGU_VERSIONS } from "../../tests/support/test-deps.ts";
import { prepareMember } from "./dashboard-member.ts";

const PEPPER = "dashboard-member-test-pepper-long-enough";
let dir = "";
let url = "";
let siteDir = "";
let handle: DatabaseHandle;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-bench-member-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = await createSeededTestDatabase({
		url,
		scale: 1,
		seed: 3,
		pepper: PEPPER,
		now: new Date("2026-11-26T09:00:00Z"),
	});
	siteDir = join(dir, "site");
	// The two files of the site's build that the Node host reads (hosts/site-assets.ts).
	await mkdir(join(siteDir, "cgu"), { recursive: true });
	await mkdir(join(siteDir, "_espace"), { recursive: true });
	await writeFile(join(siteDir, "cgu", "versions.json"), JSON.stringify(TEST_CGU_VERSIONS));
	await writeFile(join(siteDir, "_espace", "assets.json"), JSON.stringify({ stylesheets: [] }));
}, 120_000);

afterAll(async () => {
	handle?.client.close();
	await rm(dir, { recursive: true, force: true });
});

describe("the dashboard benchmark's member", () => {
	it.each([
		["the day before a new version", "2026-11-30T12:00:00Z", "1.0"],
		["the new version's first hour in Paris (still 30 November in UTC)", "2026-11-30T23:30:00Z", "2.0-demo"],
		["months later", "2027-07-14T10:00:00Z", "2.0-demo"],
	])("accepts the terms in force and opens the real dashboard: %s", async (_when, instant, version) => {
		const now = new Date(instant);
		const member = await prepareMember({ url, siteDir, now });
		expect(member.cgu).toBe(version);
		const app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
		const response = await app.request("/adherent", {
			headers: { Cookie: `__Host-espace_session=${member.token}` },
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(`href="/adherent/remboursements/${member.newestLineId}"`);
	});
});
