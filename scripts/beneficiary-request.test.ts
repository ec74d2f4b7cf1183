// The staff CLI for beneficiary requests, run the way `npm run beneficiary` runs it (tsx in a
// child process, the pinned Node), on a temporary database file given by DATABASE_URL.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBeneficiaryAddition, requestBeneficiaryRemoval } from "../core/adherent/beneficiaries.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { accounts, auditEvents, beneficiaries, members, persons, requests } from "../schema/tables/index.ts";
import { runScript } from "../tests/support/run-script.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

const now = new Date("2026-11-26T09:00:00.000Z");

let dir: string;
let url: string;
let handle: DatabaseHandle;
let addition = "";
let removal = "";
let childId = 0;

function runCli(...args: string[]) {
	return runScript("scripts/beneficiary-request.ts", url, args);
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-beneficiary-cli-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = await createTestDatabase(url);
	const { db } = handle;
	const person = async (firstName: string, birthDate: string) => {
		const [row] = await db
			.insert(persons)
			.values({ lastName: "Roux", firstName, birthDate, sex: "F", createdAt: now, updatedAt: now })
			.returning({ id: persons.id });
		return row?.id ?? 0;
	};
	const holder = await person("Anne", "1980-02-03");
	const [member] = await db
		.insert(members)
		.values({
			memberNumber: "400000901",
			personId: holder,
			addressLine1: "1 rue de la Paix",
			postalCode: "75002",
			city: "Paris",
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: members.id });
	const memberId = member?.id ?? 0;
	const [account] = await db
		.insert(accounts)
		.values({
			identifier: "1000000901",
			space: "adherent",
			memberId,
			email: "anne.roux@example.test",
			passwordHash: "$argon2id$test",
			state: "active",
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: accounts.id });
	const inserted = await db
		.insert(beneficiaries)
		.values([
			{
				memberId,
				personId: holder,
				relationship: "adherent",
				startDate: "2020-01-01",
				rank: 1,
				createdAt: now,
				updatedAt: now,
			},
			{
				memberId,
				personId: await person("Zoé", "2012-06-30"),
				relationship: "enfant",
				startDate: "2020-01-01",
				rank: 2,
				createdAt: now,
				updatedAt: now,
			},
		])
		.returning({ id: beneficiaries.id });
	childId = inserted[1]?.id ?? 0;
	const actor = { accountId: account?.id ?? 0, sessionId: "cli-test", correlationId: null };
	const added = await requestBeneficiaryAddition(db, {
		actor,
		memberId,
		form: {
			lien: "conjoint",
			nom: "Roux",
			prenom: "Marc",
			dateNaissance: "1979-04-12",
			sexe: "M",
			nir: "179047505612375",
			nirParent: "",
		},
		document: {
			storageKey: "documents/2026/0123456789abcdef0123456789abcdef.pdf",
			fileName: "pacs.pdf",
			contentType: "application/pdf",
			sizeBytes: 1234,
			sha256: "0".repeat(64),
		},
		now,
	});
	const removed = await requestBeneficiaryRemoval(db, {
		actor,
		memberId,
		beneficiaryId: childId,
		lastCoveredDay: "2026-12-31",
		now,
	});
	if (!added.ok || !removed.ok) throw new Error("fixture requests refused");
	addition = added.reference;
	removal = removed.reference;
}, 60_000);

afterAll(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

async function statusOf(reference: string) {
	const [row] = await handle.db.select().from(requests).where(eq(requests.reference, reference));
	return row;
}

describe("npm run beneficiary", () => {
	it("accepts an addition: the beneficiary exists, the request is closed, the trail says so", async () => {
		expect(addition).not.toBe(removal);
		const run = await runCli("accept", addition);
		expect(run.stderr).toBe("");
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`Demande d'ajout ${addition} acceptée`);
		expect((await statusOf(addition))?.status).toBe("closed");
		const people = await handle.db
			.select({ firstName: persons.firstName })
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId));
		expect(people.map((p) => p.firstName)).toContain("Marc");
		const trail = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "adherent.beneficiary_request.accepted"));
		expect(trail).toHaveLength(1);
		expect(trail[0]?.actorKind).toBe("staff");
	}, 30_000);

	it("rejects a removal with its reason, then refuses to decide it twice", async () => {
		const reasonless = await runCli("reject", removal);
		expect(reasonless.code).toBe(2);
		expect(reasonless.stderr).toContain("--reason");
		const run = await runCli("reject", removal, "--reason", "Zoé est encore à votre charge.");
		expect(run.code).toBe(0);
		const request = await statusOf(removal);
		expect(request?.status).toBe("rejected");
		expect(request?.answerText).toBe("Zoé est encore à votre charge.");
		const [zoe] = await handle.db.select().from(beneficiaries).where(eq(beneficiaries.id, childId));
		expect(zoe?.endDate).toBeNull();
		const twice = await runCli("accept", removal);
		expect(twice.code).toBe(1);
		expect(twice.stderr).toContain("déjà traitée");
	}, 30_000);

	it("explains a command it cannot read", async () => {
		const run = await runCli("approve", "nimporte");
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("Usage : npm run beneficiary");
	}, 30_000);
});
