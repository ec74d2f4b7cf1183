// The Node host counts the static public pages it serves in the cookieless audience (ADR 0024):
// an HTML page shown counts once under its path, a stylesheet or a missing page does not.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceCounter, audienceFigures } from "../core/audience.ts";
import { parisDay } from "../core/calendar.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createTestDeps, type TestDeps } from "../tests/support/test-deps.ts";
import { createNodeFetch } from "./node.ts";
import { StaticSite } from "./static-site.ts";

let deps: TestDeps;
let dir: string;
let fetch: ReturnType<typeof createNodeFetch>;

beforeAll(async () => {
	deps = createTestDeps();
	await migrateDatabase(deps.db);
	dir = await mkdtemp(join(tmpdir(), "espace-node-audience-"));
	await mkdir(join(dir, "cookies"), { recursive: true });
	await writeFile(join(dir, "cookies", "index.html"), "<!doctype html><title>Cookies</title><p>Cookies</p>");
	await writeFile(join(dir, "style.css"), "body{}");
	await writeFile(join(dir, "404.html"), "<!doctype html><title>Introuvable</title>");
	fetch = createNodeFetch(deps, await StaticSite.load(dir));
});
afterAll(async () => {
	deps.close();
	await rm(dir, { recursive: true, force: true });
});

describe("the Node host's audience", () => {
	it("counts static HTML pages shown, not files or missing pages", async () => {
		expect((await fetch(new Request("http://localhost/cookies"))).status).toBe(200);
		expect((await fetch(new Request("http://localhost/cookies"))).status).toBe(200);
		expect((await fetch(new Request("http://localhost/style.css"))).status).toBe(200);
		expect((await fetch(new Request("http://localhost/nulle-part"))).status).toBe(404);
		const now = deps.clock();
		await audienceCounter(deps.db).flush(now, true);
		const rows = await audienceFigures(deps.db, { from: "2000-01-01", to: "2999-12-31" });
		expect(rows).toEqual([{ day: parisDay(now), space: "public", path: "/cookies", views: 2 }]);
	});
});
