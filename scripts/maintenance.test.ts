// `npm run maintenance` switches the state the pages read (core/maintenance.ts): on, off,
// announce, incident, resolve, status; bad input is refused with a French message and exit 2.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServiceState } from "../core/maintenance.ts";
import { createDatabase, type DatabaseHandle } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { runScript } from "../tests/support/run-script.ts";

let dir: string;
let url: string;
let handle: DatabaseHandle;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-maintenance-cli-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = createDatabase({ url, authToken: undefined });
	await handle.ready;
	await migrateDatabase(handle.db);
}, 60_000);
afterAll(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runScript("scripts/maintenance.ts", url, args);

describe("npm run maintenance", () => {
	it("switches maintenance on and off", async () => {
		const on = await run("on", "--message", "Mise à jour de la base.", "--until", "2099-01-01T06:00:00Z");
		expect(on.code).toBe(0);
		expect(on.stdout).toContain("Maintenance en cours");
		expect((await readServiceState(handle.db, new Date())).maintenance?.message).toBe(
			"Mise à jour de la base.",
		);
		expect((await run("off")).stdout).toContain("Maintenance terminée.");
		expect((await readServiceState(handle.db, new Date())).maintenance).toBeNull();
	}, 240_000);

	it("announces a window, records and resolves an incident", async () => {
		const announced = await run(
			"announce",
			"--from",
			"2099-02-01T22:00:00Z",
			"--until",
			"2099-02-01T23:00:00Z",
			"--message",
			"Changement de serveur.",
		);
		expect(announced.code).toBe(0);
		const incident = await run("incident", "--message", "Relevés indisponibles.");
		const id = /n° (\d+)/.exec(incident.stdout)?.[1] as string;
		let state = await readServiceState(handle.db, new Date());
		expect(state.announced.map((event) => event.message)).toEqual(["Changement de serveur."]);
		expect(state.incidents[0]?.endedAt).toBeNull();
		expect((await run("resolve", id)).code).toBe(0);
		state = await readServiceState(handle.db, new Date());
		expect(state.incidents[0]?.endedAt).not.toBeNull();
		expect((await run("status")).stdout).toContain("Changement de serveur.");
	}, 240_000);

	it("refuses a bad date, a missing message and an unknown verb", async () => {
		const badDate = await run("on", "--until", "demain");
		expect(badDate.code).toBe(2);
		expect(badDate.stderr).toContain("Date illisible");
		expect((await run("announce", "--from", "2099-02-01T22:00:00Z")).code).toBe(2);
		const past = await run(
			"announce",
			"--from",
			"2000-01-01T00:00:00Z",
			"--until",
			"2000-01-01T01:00:00Z",
			"--message",
			"Trop tard.",
		);
		expect(past.code).toBe(1);
		expect(past.stderr).toContain("Le début doit être dans le futur.");
		expect((await run("reboot")).stderr).toContain("Usage : npm run maintenance");
	}, 240_000);
});
