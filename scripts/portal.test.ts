// The portal as `npm start` starts it (scripts/portal.ts), with no injected clock: seeded and
// served at the real current date, so that every run of the suite tries today (the demo seed once
// failed on some days of the year, and every other test pins its clock). And the production
// start's refusals: demo data in the database, no mail transport, the development pepper, a
// plain-http address, each named in French before anything is served.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../core/config.ts";
import { createLogger } from "../core/logger.ts";
import { seedDatabase } from "../demo/seed.ts";
import { freePort } from "../tests/support/free-port.ts";
import { runScript } from "../tests/support/run-script.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { productionTestEnv } from "../tests/support/test-deps.ts";
import { type RunningPortal, startPortal } from "./portal.ts";

const root = resolve(import.meta.dirname, "..");
let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-portal-"));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe("the portal started today", () => {
	let portal: RunningPortal | undefined;
	afterAll(async () => {
		await portal?.close();
	});

	it("seeds an empty database at the real date and serves the site and the app", async () => {
		const port = await freePort();
		const config = parseConfig({
			ESPACE_ENV: "test",
			HOST: "127.0.0.1",
			PORT: String(port),
			DATABASE_URL: `file:${join(dir, "today.db")}`,
			LOG_LEVEL: "error",
		});
		// No clock given: the portal's own `new Date()`, as in `npm start`.
		portal = await startPortal({ config, root, logger: createLogger("error") });
		expect(portal.seeded).toBe(true);
		for (const path of ["/readyz", "/connexion", "/"]) {
			const response = await fetch(`${portal.host.url}${path}`);
			expect(response.status, path).toBe(200);
		}
	}, 240_000);
});

describe("a production start", () => {
	const production = (extra: Record<string, string> = {}) =>
		parseConfig({
			...productionTestEnv(),
			HOST: "127.0.0.1",
			PORT: "0",
			LOG_LEVEL: "error",
			...extra,
		});

	/** A database holding the demo seed, as `npm start` in development leaves it. */
	let demoUrl = "";
	beforeAll(async () => {
		demoUrl = `file:${join(dir, "demo.db")}`;
		const handle = await createTestDatabase(demoUrl);
		await seedDatabase(handle.db, {
			scale: 0.1,
			seed: 42,
			pepper: "production-test-pepper-0123456789abcdef",
			now: new Date("2026-11-26T09:00:00.000Z"),
		});
		handle.client.close();
	}, 60_000);

	it("refuses a database holding the demo seed, names it and says what to do", async () => {
		const url = demoUrl;
		const start = startPortal({ config: production({ DATABASE_URL: url }), root });
		await expect(start).rejects.toThrow(ConfigError);
		await expect(start).rejects.toThrow(/DATABASE_URL contient le jeu de démonstration \(comptes 1000000001/);
		await expect(start).rejects.toThrow(/npm run migrate/);
	});

	it("refuses a database with a population account of the seed's reserved domain", async () => {
		const url = `file:${join(dir, "population.db")}`;
		const handle = await createTestDatabase(url);
		await handle.client.execute(
			`INSERT INTO persons (id, last_name, first_name, birth_date, sex, created_at, updated_at) VALUES (1, 'X', 'Y', '1980-01-01', 'F', 0, 0)`,
		);
		await handle.client.execute(
			`INSERT INTO accounts (identifier, space, email, staff_person_id, state, created_at, updated_at)
			 VALUES ('9100000000', 'gestionnaire', 'gestion.1@staff.espace.test', 1, 'active', 0, 0)`,
		);
		handle.client.close();
		await expect(startPortal({ config: production({ DATABASE_URL: url }), root })).rejects.toThrow(
			/comptes 9100000000/,
		);
	});

	it("refuses to start from the command line without a transport, with the dev pepper or on http", async () => {
		const run = await runScript("scripts/start.ts", `file:${join(dir, "cli.db")}`, [], {
			ESPACE_ENV: "production",
			PUBLIC_URL: "http://espace.example.org",
			RESEND_API_KEY: "",
		});
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/Configuration invalide/);
		expect(run.stderr).toMatch(/SESSION_PEPPER : doit être défini en production/);
		expect(run.stderr).toMatch(/PUBLIC_URL : doit être une adresse https:\/\/ en production/);
		expect(run.stderr).toMatch(/RESEND_API_KEY : doit être défini en production/);
		expect(run.stdout).not.toMatch(/Espace is running/);
	}, 60_000);

	it("refuses demo data from the command line too, for the worker as for the server", async () => {
		const url = demoUrl;
		const env = { ...productionTestEnv(), LOG_LEVEL: "error" };
		for (const script of ["scripts/start.ts", "scripts/worker.ts"]) {
			const run = await runScript(script, url, script.endsWith("worker.ts") ? ["--once"] : [], env);
			expect(run.code, script).toBe(1);
			expect(run.stderr, script).toMatch(
				/Démarrage refusé : la base DATABASE_URL contient le jeu de démonstration/,
			);
		}
	}, 120_000);
});
