// Nothing kept past its retention, over a simulated decade: the daily schedules (account
// lifecycle, account deletion, data retention) run every day for eleven years on the demo
// population, where member 1000000002 ends their contract and asks for their account's deletion
// on day one. After every run no record is past its limit; at each limit the data is still there
// the day before and gone (or anonymised) the day after; the other member keeps everything they
// still need; running a day twice changes nothing.
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestAccountDeletion } from "../../core/account-closure.ts";
import { addDays, addYears, parisDay } from "../../core/calendar.ts";
import { recordConsentChoices, recordDataDirective } from "../../core/donnees/choices.ts";
import { findOverdueData } from "../../core/donnees/retention.ts";
import { createLogger } from "../../core/logger.ts";
import { createMemoryDocumentStorage, setDocumentStorage } from "../../core/storage.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	accounts,
	consents,
	dataDirectives,
	individualContracts,
	members,
	pageViews,
	persons,
	requests,
} from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { accountDeletion } from "./account-deletion.ts";
import { accountLifecycle } from "./account-lifecycle.ts";
import { dataRetention } from "./data-retention.ts";
import type { TaskContext } from "./task.ts";

const START = "2026-11-20";
let handle: DatabaseHandle;
const publicUrl = new URL("http://localhost");
const at = (day: string) => new Date(`${day}T02:30:00Z`);
const context = (day: string): TaskContext => ({
	db: handle.db,
	logger: createLogger("silent"),
	now: at(day),
	config: { publicUrl, env: "test" },
});
const schedules = [accountLifecycle, accountDeletion, dataRetention];

interface Snapshot {
	readonly day: string;
	readonly state: string;
	readonly directives: number;
	readonly consents: number;
	readonly lastName: string;
	readonly audience: number;
	/** Their closed requests (one still open waits for staff, whatever the account's state). */
	readonly theirRequests: number;
	readonly overdue: string[];
}
const snapshots = new Map<string, Snapshot>();
let memberTwo: number;
let accountTwo: number;
let accountOne: number;

async function snapshot(day: string): Promise<Snapshot> {
	const [account] = await handle.db.select().from(accounts).where(eq(accounts.id, accountTwo));
	const [holder] = await handle.db
		.select({ lastName: persons.lastName })
		.from(members)
		.innerJoin(persons, eq(persons.id, members.personId))
		.where(eq(members.id, memberTwo));
	return {
		day,
		state: account?.state ?? "",
		directives: (
			await handle.db.select().from(dataDirectives).where(eq(dataDirectives.accountId, accountTwo))
		).length,
		consents: (await handle.db.select().from(consents).where(eq(consents.accountId, accountTwo))).length,
		lastName: holder?.lastName ?? "",
		audience: (await handle.db.select().from(pageViews)).length,
		theirRequests: (
			await handle.db
				.select()
				.from(requests)
				.where(and(eq(requests.accountId, accountTwo), isNotNull(requests.closedAt)))
		).length,
		overdue: await findOverdueData(handle.db, at(day)),
	};
}

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 17,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: new Date(`${START}T08:00:00Z`),
	});
	setDocumentStorage(createMemoryDocumentStorage());
	const two = await demoAccount(handle.db, "adherent2");
	accountTwo = two.id;
	memberTwo = two.memberId as number;
	accountOne = (await demoAccount(handle.db, "adherent1")).id;
	const actor = { accountId: accountTwo, sessionId: "s", correlationId: "c" };
	const now = new Date(`${START}T09:00:00Z`);
	// Their choices and directives, their contract ending today, their deletion asked today.
	await recordConsentChoices(handle.db, actor, { marketing: "accepted", profiling: "opposed" }, now);
	await recordDataDirective(
		handle.db,
		actor,
		{ kind: "post_mortem_directives", instructions: "Tout effacer." },
		now,
	);
	await handle.db
		.update(individualContracts)
		.set({ endDate: START, endReason: "member_termination" })
		.where(eq(individualContracts.memberId, memberTwo));
	await requestAccountDeletion(handle.db, actor, now);
	await handle.db.insert(pageViews).values({ day: START, space: "public", path: "/", views: 12 });
	// Eleven years of days, every schedule every day, snapshots at each limit.
	const watch = new Set([
		addDays(START, 13),
		addDays(START, 15),
		addDays(addYears(START, 5), -1),
		addDays(addYears(START, 5), 16),
		addDays(addYears(START, 10), -1),
		addDays(addYears(START, 10), 1),
		addYears(START, 11),
	]);
	for (let day = addDays(START, 1); day <= addYears(START, 11); day = addDays(day, 1)) {
		for (const task of schedules) await task.run(context(day));
		if (watch.has(day) || day.endsWith("-01-15")) snapshots.set(day, await snapshot(day));
	}
}, 900_000);
afterAll(() => {
	setDocumentStorage(null);
	handle.client.close();
});

describe("eleven years of daily schedules", () => {
	// CGU art. 7, 8
	it("never leaves anything past its retention", () => {
		expect(snapshots.size).toBeGreaterThan(10);
		for (const shot of snapshots.values()) expect(shot.overdue, shot.day).toEqual([]);
	});

	it("deletes the account after the 14-day grace period, and its directives with it", () => {
		expect(snapshots.get(addDays(START, 13))).toMatchObject({ state: "active", directives: 1, consents: 2 });
		expect(snapshots.get(addDays(START, 15))).toMatchObject({ state: "deleted", directives: 0, consents: 2 });
	});

	it("keeps the proof of their choices five years after the deletion, not longer", () => {
		expect(snapshots.get(addDays(addYears(START, 5), -1))?.consents).toBe(2);
		expect(snapshots.get(addDays(addYears(START, 5), 16))?.consents).toBe(0);
	});

	it("keeps their closed requests five years after closure, then deletes them", () => {
		expect(snapshots.get(addDays(START, 15))?.theirRequests).toBeGreaterThan(0);
		expect(snapshots.get(addDays(addYears(START, 5), 16))?.theirRequests).toBe(0);
	});

	it("keeps the insurer's records identified ten years after the contract ended, then anonymises them", () => {
		expect(snapshots.get(addDays(addYears(START, 10), -1))?.lastName).toBe("Durand");
		expect(snapshots.get(addDays(addYears(START, 10), 1))?.lastName).toBe("Anonyme");
	});

	it("drops audience counts after 25 months", () => {
		expect(snapshots.get(addDays(START, 15))?.audience).toBe(1);
		expect(snapshots.get(addYears(START, 11))?.audience).toBe(0);
	});

	it("leaves the member still covered identified, with an account that still signs in", async () => {
		const [one] = await handle.db.select().from(accounts).where(eq(accounts.id, accountOne));
		expect(one?.state).toBe("active");
		expect(one?.passwordHash).toMatch(/^\$argon2id\$/);
		const [holder] = await handle.db
			.select({ lastName: persons.lastName })
			.from(members)
			.innerJoin(persons, eq(persons.id, members.personId))
			.where(eq(members.id, one?.memberId as number));
		expect(holder?.lastName).toBe("Mercier");
	});

	it("changes nothing when a day runs twice", async () => {
		const day = addYears(START, 11);
		const again = await dataRetention.run(context(day));
		expect(Object.values(again).every((count) => count === 0)).toBe(true);
		expect(parisDay(at(day))).toBe(day);
	});
});
