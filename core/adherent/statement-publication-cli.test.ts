// `npm run statements` (scripts/statements.ts), run the way npm runs it (tsx in a child process,
// the pinned Node) on a temporary database file given by DATABASE_URL: a month that cannot be
// read or is not over is refused with exit code 2 and changes nothing; a month that is over is
// published and its counts printed in French.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { auditEvents, jobs, prestations, statements } from "../../schema/tables/index.ts";
import { runScript } from "../../tests/support/run-script.ts";
import { addLine, createCatalogue, createMember } from "../../tests/support/statement-fixture.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { addMonths, parisDay } from "../calendar.ts";

let dir: string;
let url: string;
let handle: DatabaseHandle;

function runCli(...args: string[]) {
	return runScript("scripts/statements.ts", url, args);
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-statements-cli-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = await createTestDatabase(url);
	await createCatalogue(handle.db);
	const member = await createMember(handle.db, 1, "Anne");
	await addLine(handle.db, member, {
		careDate: "2026-10-12",
		paymentDate: "2026-10-15",
		paidTo: "member",
		chargedCents: 3000,
		ssPaidCents: 1900,
		mutuelleCents: 900,
	});
});

afterAll(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

async function nothingPublished(): Promise<void> {
	expect(await handle.db.$count(statements)).toBe(0);
	expect(await handle.db.$count(jobs)).toBe(0);
	expect(await handle.db.$count(auditEvents)).toBe(0);
}

describe("npm run statements -- publish", () => {
	it("refuses a month that cannot be read, with exit code 2, and changes nothing", async () => {
		const run = await runCli("publish", "--month", "2026-13");
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("Mois illisible : « 2026-13 »");
		expect(run.stderr).toContain("Usage : npm run statements -- publish --month AAAA-MM");
		expect(run.stdout).toBe("");
		await nothingPublished();
	}, 30_000);

	it("refuses a month that is not over, with exit code 2, and changes nothing", async () => {
		// Later than the current month whatever the clock: never over when the command runs.
		const month = addMonths(parisDay(new Date()), 1).slice(0, 7);
		const run = await runCli("publish", "--month", month);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^\S+ \d{4} n'est pas terminé : ses relevés ne peuvent être publiés/);
		await nothingPublished();
	}, 30_000);

	it("asks for the operation and the month", async () => {
		const run = await runCli("publish");
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("Indiquez le mois avec --month AAAA-MM.");
		await nothingPublished();
	}, 30_000);

	it("publishes a month that is over and prints what it did", async () => {
		const run = await runCli("publish", "--month", "2026-10");
		expect(run.stderr).toBe("");
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(
			"Relevés de prestations, octobre 2026 : 1 relevé(s) publié(s) pour 1 adhérent(s), 1 ligne(s).\n",
		);
		const [statement] = await handle.db.select().from(statements);
		expect(statement).toMatchObject({ month: "2026-10", lineCount: 1, chargedCents: 3000 });
		const [line] = await handle.db.select().from(prestations);
		expect(line?.statementId).toBe(statement?.id);
		expect(await handle.db.$count(jobs, eq(jobs.type, "statement.published"))).toBe(1);
		const [event] = await handle.db.select().from(auditEvents);
		expect(event).toMatchObject({
			actorKind: "staff",
			action: "gestion.statement.published",
			objectType: "statement",
			objectId: String(statement?.id),
		});
	}, 30_000);
});
