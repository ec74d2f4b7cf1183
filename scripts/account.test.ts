// The staff CLI, run the way `npm run account` runs it (tsx in a child process, the pinned Node),
// on a temporary database file given by DATABASE_URL.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoRandomBytes } from "../core/deps.ts";
import { createSession, generateSessionToken } from "../core/session.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { accounts, auditEvents, persons, sessions } from "../schema/tables/index.ts";
import { runScript } from "../tests/support/run-script.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

const now = new Date("2026-11-26T09:00:00.000Z");
const ACTIVE = "9000000101";
const TO_CLOSE = "9000000102";
const DELETED = "9000000103";

let dir: string;
let url: string;
let handle: DatabaseHandle;

function runCli(...args: string[]) {
	return runScript("scripts/account.ts", url, args);
}

async function stateOf(identifier: string) {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	return row;
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-account-cli-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = await createTestDatabase(url);
	const [person] = await handle.db
		.insert(persons)
		.values({
			lastName: "Moreau",
			firstName: "Claire",
			birthDate: "1980-02-03",
			sex: "F",
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: persons.id });
	const common = {
		space: "gestionnaire",
		staffPersonId: person?.id ?? 0,
		passwordHash: "$argon2id$test",
		createdAt: now,
		updatedAt: now,
	} as const;
	const [account] = await handle.db
		.insert(accounts)
		.values([
			{ ...common, identifier: ACTIVE, email: "a@demo.espace.test", state: "active" },
			{ ...common, identifier: TO_CLOSE, email: "b@demo.espace.test", state: "active" },
			{ ...common, identifier: DELETED, email: "c@demo.espace.test", state: "deleted" },
		])
		.returning();
	if (!account) throw new Error("account not written");
	for (let i = 0; i < 2; i++) {
		await createSession(handle.db, {
			token: generateSessionToken(cryptoRandomBytes),
			account,
			now,
			secondFactorVerified: true,
		});
	}
}, 30_000);

afterAll(async () => {
	handle?.client.close();
	await rm(dir, { recursive: true, force: true });
});

// Each test works on its own account, so they run side by side: every run starts a process.
describe.concurrent("npm run account", () => {
	it("suspends an account, ending its sessions, then reopens it", async () => {
		const suspended = await runCli("suspend", ACTIVE, "--reason", "vérification d'opérations");
		expect(suspended).toMatchObject({
			code: 0,
			stdout: `Compte ${ACTIVE} : actif → suspendu ; 2 session(s) fermée(s).\n`,
		});
		expect(await stateOf(ACTIVE)).toMatchObject({
			state: "suspended",
			stateReason: "vérification d'opérations",
		});
		expect(await handle.db.select().from(sessions)).toEqual([]);

		const reopened = await runCli("reopen", ACTIVE, "--reason", "opérations vérifiées");
		expect(reopened).toMatchObject({ code: 0, stdout: `Compte ${ACTIVE} : suspendu → actif.\n` });
		const trail = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.objectId, String((await stateOf(ACTIVE))?.id)));
		expect(trail.map((entry) => [entry.action, entry.actorKind, entry.outcome])).toEqual([
			["account.state.suspend", "staff", "success"],
			["account.state.reopen", "staff", "success"],
		]);
	}, 30_000);

	it("closes an account", async () => {
		expect(await runCli("close", TO_CLOSE, "--reason", "fin de contrat")).toMatchObject({
			code: 0,
			stdout: `Compte ${TO_CLOSE} : actif → fermé.\n`,
		});
		expect(await stateOf(TO_CLOSE)).toMatchObject({ state: "closed", stateReason: "fin de contrat" });
	}, 30_000);

	it("answers in French, with exit code 1, for an unknown identifier or a refused change", async () => {
		const [unknown, deleted] = await Promise.all([
			runCli("suspend", "9999999999", "--reason", "contrôle"),
			runCli("reopen", DELETED, "--reason", "erreur"),
		]);
		expect(unknown).toMatchObject({ code: 1, stderr: "Aucun compte ne porte l'identifiant 9999999999.\n" });
		expect(deleted).toMatchObject({
			code: 1,
			stderr: `Le compte ${DELETED} est supprimé : son état ne peut plus changer.\n`,
		});
		const [refused] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.objectId, String((await stateOf(DELETED))?.id)));
		expect(refused).toMatchObject({ action: "account.state.reopen", actorKind: "staff", outcome: "denied" });
		expect((await stateOf(DELETED))?.state).toBe("deleted");
	}, 30_000);

	it("explains how to use it, with exit code 2, when the command cannot be read", async () => {
		const [noReason, badIdentifier] = await Promise.all([
			runCli("close", TO_CLOSE),
			runCli("suspend", "12ab", "--reason", "x"),
		]);
		expect(noReason.code).toBe(2);
		expect(noReason.stderr).toContain('Indiquez le motif avec --reason "…".');
		expect(noReason.stderr).toContain("Usage : npm run account -- suspend|reopen|close");
		expect(badIdentifier).toMatchObject({
			code: 2,
			stderr: expect.stringContaining("L'identifiant se compose de 10 chiffres."),
		});
	}, 30_000);
});
