// Harvesting patterns on a seeded database: a practice walking member numbers, or checking many
// members in a short time, raises one recorded alert for staff, e-mailed to them once through the
// outbox (to the configured address, or to every active staff account); ordinary use raises none.
import { and, countDistinct, desc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	accounts,
	auditEvents,
	outgoingMails,
	rightsCheckAlerts,
	rightsCheckRecentMembers,
	rightsChecks,
} from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import {
	harvestingPatterns,
	isConsecutiveRun,
	listOpenHarvestingAlerts,
	MANY_MEMBERS,
	RECENT_MEMBERS_KEPT_MS,
	SEQUENTIAL,
} from "./harvesting.ts";
import type { PracticeScope } from "./practice.ts";
import { checkRights } from "./rights.ts";

let handle: DatabaseHandle;
const start = new Date("2026-11-26T09:00:00Z");
const scopes: Record<string, PracticeScope> = {};
const publicUrl = new URL("http://localhost");
// The first practice's alerts go to a configured address; the second's to the staff accounts.
const ALERTING = {
	professionnel1: { to: "securite@mutuelle.example.test", publicUrl },
	professionnel2: { to: undefined, publicUrl },
} as const;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: new Date("2026-11-20T08:00:00Z"),
	});
	for (const key of ["professionnel1", "professionnel2"] as const) {
		const account = await demoAccount(handle.db, key);
		scopes[key] = { accountId: account.id, professionalId: account.professionalId ?? 0, sessionId: "s" };
	}
}, 60_000);
afterAll(() => handle.client.close());

function check(key: string, memberNumber: string, at: Date) {
	const scope = scopes[key];
	if (!scope) throw new Error(key);
	return checkRights(
		handle.db,
		{
			scope,
			channel: "api",
			correlationId: "test",
			now: at,
			staffAlerting: ALERTING[key as keyof typeof ALERTING],
		},
		{ memberNumber, birthDate: "1980-01-01", careDate: "2026-11-26" },
	);
}

const alertMails = () =>
	handle.db.select().from(outgoingMails).where(eq(outgoingMails.template, "harvesting-alert"));

const alertsOf = (professionalId: number) =>
	handle.db.select().from(rightsCheckAlerts).where(eq(rightsCheckAlerts.professionalId, professionalId));

describe("consecutive member numbers", () => {
	it("are a run only when they follow each other without gap or repeat, in any order", () => {
		expect(isConsecutiveRun(["400000012", "400000010", "400000011"])).toBe(true);
		expect(isConsecutiveRun(["400000010", "400000012", "400000013"])).toBe(false);
		expect(isConsecutiveRun(["400000010", "400000010"])).toBe(false);
		expect(isConsecutiveRun(["99999999999999999999", "99999999999999999998"])).toBe(true);
	});
});

describe("harvesting alerts", () => {
	it("raise one alert when a practice walks five member numbers in a row", async () => {
		for (let i = 0; i < 4; i++)
			await check("professionnel1", String(400_000_010 + i), new Date(start.getTime() + i * 1000));
		expect(await alertsOf(1)).toHaveLength(0);
		await check("professionnel1", "400000014", new Date(start.getTime() + 5000));
		await check("professionnel1", "400000015", new Date(start.getTime() + 6000));
		const alerts = await alertsOf(1);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ pattern: "sequential_numbers", closedAt: null });
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "professionnel.rights.harvesting_suspected"));
		expect(entry).toMatchObject({ actorKind: "system", objectType: "professional", objectId: "1" });
		expect((await listOpenHarvestingAlerts(handle.db)).map((alert) => alert.professionalId)).toEqual([1]);
		// One mail for the alert, to the configured address, though two checks showed the pattern.
		const mails = await alertMails();
		expect(mails.map((mail) => mail.toAddress)).toEqual(["securite@mutuelle.example.test"]);
		expect(mails[0]?.subject).toContain("cabinet n° 1");
		expect(mails[0]?.textBody).toContain("5 numéros consécutifs");
		expect(mails[0]?.textBody).not.toContain("400000014");
	});

	it("e-mail no second time within the alert's hour, however many more checks show the pattern", async () => {
		for (let i = 0; i < 5; i++)
			await check("professionnel1", String(400_000_016 + i), new Date(start.getTime() + (10 + i) * 1000));
		expect(await alertsOf(1)).toHaveLength(1);
		expect(await alertMails()).toHaveLength(1);
	});

	it("raise one alert when a practice checks more than 25 members within 10 minutes", async () => {
		// Spread over 9 minutes, below the per-minute limit, in no order.
		for (let i = 0; i < 26; i++)
			await check(
				"professionnel2",
				String(400_000_100 + ((i * 7) % 26) * 3),
				new Date(start.getTime() + i * 20_000),
			);
		const alerts = await alertsOf(2);
		expect(alerts.map((alert) => alert.pattern)).toEqual(["many_members"]);
		expect(alerts[0]?.details).toMatchObject({ distinct: 26, windowMinutes: 10 });
		// No address configured: every active staff account is told, once.
		const staff = await handle.db
			.select({ email: accounts.email })
			.from(accounts)
			.where(and(eq(accounts.space, "gestionnaire"), eq(accounts.state, "active")));
		expect(staff.length).toBeGreaterThan(0);
		const mails = (await alertMails()).filter((mail) => mail.subject.includes("cabinet n° 2"));
		expect(mails.map((mail) => mail.toAddress).sort()).toEqual(staff.map((row) => row.email).sort());
		expect(mails[0]?.textBody).toContain("26 adhérents différents en 10 minutes");
	});

	it("raise nothing for a practice checking a few members at the desk", async () => {
		const later = new Date(start.getTime() + 3 * 3_600_000);
		for (const [i, number] of ["400000001", "400000002", "400000001", "400000077", "400000150"].entries())
			await check("professionnel2", number, new Date(later.getTime() + i * 60_000));
		expect(await alertsOf(2)).toHaveLength(1);
	});
});

// The watch reads rights_check_recent_members (kept by a trigger on rights_checks) and the latest
// checks along the time index (ADR 0044); these pin its windows to the millisecond and compare it
// with the plain scan of every check it replaced. A day after the checks above: none of them counts.
describe("harvesting windows", () => {
	const day = new Date(start.getTime() + 24 * 3_600_000);
	const at = (ms: number) => new Date(day.getTime() + ms);
	const MINUTE = 60_000;

	function record(key: "professionnel1" | "professionnel2", memberNumber: string, checkedAt: Date) {
		const scope = scopes[key];
		if (!scope) throw new Error(key);
		return handle.db.insert(rightsChecks).values({
			professionalId: scope.professionalId,
			accountId: scope.accountId,
			channel: "api",
			checkedAt,
			memberNumberAsSent: memberNumber,
			memberId: null,
			careDate: "2026-11-27",
			found: false,
		});
	}
	const patternsOf = async (key: "professionnel1" | "professionnel2", now: Date) =>
		harvestingPatterns(handle.db, scopes[key]?.professionalId ?? 0, now);
	const recentNumbersOf = async (key: "professionnel1" | "professionnel2") =>
		(
			await handle.db
				.select({ number: rightsCheckRecentMembers.memberNumber })
				.from(rightsCheckRecentMembers)
				.where(eq(rightsCheckRecentMembers.professionalId, scopes[key]?.professionalId ?? 0))
		)
			.map((row) => row.number)
			.sort();

	it("count a number checked just within ten minutes, not one checked exactly ten minutes before", async () => {
		// 25 distinct numbers at 0, checked again (one of them) and one more at 10 minutes.
		for (let i = 0; i < 25; i++) await record("professionnel1", String(500_000_000 + i * 10), at(0));
		await record("professionnel1", "500000000", at(10 * MINUTE));
		await record("professionnel1", "500000999", at(10 * MINUTE));
		// At 10 min − 1 ms the 27 checks are within the window, and count 26 numbers (one repeated);
		// at 10 min the first 24 numbers are out of it.
		expect(await patternsOf("professionnel1", at(10 * MINUTE - 1))).toEqual([
			{ pattern: "many_members", details: { distinct: 26, windowMinutes: 10 } },
		]);
		expect(await patternsOf("professionnel1", at(10 * MINUTE))).toEqual([]);
	});

	it("keep each number's latest check, even when an older one is written after it", async () => {
		await record("professionnel2", "500001000", at(30 * MINUTE));
		await record("professionnel2", "500001000", at(15 * MINUTE));
		const [row] = await handle.db
			.select()
			.from(rightsCheckRecentMembers)
			.where(eq(rightsCheckRecentMembers.memberNumber, "500001000"));
		expect(row?.lastCheckedAt).toEqual(at(30 * MINUTE));
	});

	it("drop a practice's numbers once their latest check is 20 minutes old, and only that practice's", async () => {
		expect(RECENT_MEMBERS_KEPT_MS).toBe(20 * MINUTE);
		// professionnel1's numbers were last checked at 0 and 10 min: a check at 30 min − 1 ms keeps
		// those of 10 min and drops those of 0; one at 30 min drops the rest.
		await record("professionnel1", "500002000", at(30 * MINUTE - 1));
		expect(await recentNumbersOf("professionnel1")).toEqual(["500000000", "500000999", "500002000"]);
		await record("professionnel1", "500002001", at(30 * MINUTE));
		expect(await recentNumbersOf("professionnel1")).toEqual(["500002000", "500002001"]);
		expect(await recentNumbersOf("professionnel2")).toEqual(["500001000"]);
	});

	it("see five consecutive numbers among the latest checks, repeats in between, not a gap or a later stranger", async () => {
		const base = 3 * 3_600_000;
		const walk = ["500003010", "500003011", "500003011", "500003013", "500003012", "500003014"];
		for (const [i, number] of walk.entries()) await record("professionnel2", number, at(base + i * MINUTE));
		expect(await patternsOf("professionnel2", at(base + 5 * MINUTE))).toEqual([
			{ pattern: "sequential_numbers", details: { run: 5 } },
		]);
		// The first of them exactly an hour before: out of the window, four left.
		expect(await patternsOf("professionnel2", at(base + 60 * MINUTE))).toEqual([]);
		expect(await patternsOf("professionnel2", at(base + 60 * MINUTE - 1))).toHaveLength(1);
		// Another number after them: the latest five are no longer consecutive.
		await record("professionnel2", "500003099", at(base + 6 * MINUTE));
		expect(await patternsOf("professionnel2", at(base + 6 * MINUTE))).toEqual([]);
		// Five consecutive numbers with a gap in them: none.
		for (const [i, number] of ["500004001", "500004002", "500004003", "500004005", "500004006"].entries())
			await record("professionnel2", number, at(base + (7 + i) * MINUTE));
		expect(await patternsOf("professionnel2", at(base + 11 * MINUTE))).toEqual([]);
	});

	it("find what the plain scan of every check of the window finds, check after check", async () => {
		// The reference: the queries the watch ran before ADR 0044, over rights_checks itself.
		const professionalId = scopes.professionnel1?.professionalId ?? 0;
		async function scanned(now: Date) {
			const found: string[] = [];
			const [volume] = await handle.db
				.select({ distinct: countDistinct(rightsChecks.memberNumberAsSent) })
				.from(rightsChecks)
				.where(
					and(
						eq(rightsChecks.professionalId, professionalId),
						gt(rightsChecks.checkedAt, new Date(now.getTime() - MANY_MEMBERS.windowMs)),
					),
				);
			if ((volume?.distinct ?? 0) > MANY_MEMBERS.distinctMembers)
				found.push(`many_members:${volume?.distinct}`);
			const recent = await handle.db
				.select({ number: rightsChecks.memberNumberAsSent })
				.from(rightsChecks)
				.where(
					and(
						eq(rightsChecks.professionalId, professionalId),
						gt(rightsChecks.checkedAt, new Date(now.getTime() - SEQUENTIAL.windowMs)),
					),
				)
				.orderBy(desc(rightsChecks.id))
				.limit(SEQUENTIAL.run * 4);
			const latest = [...new Set(recent.map((row) => row.number))].slice(0, SEQUENTIAL.run);
			if (latest.length === SEQUENTIAL.run && isConsecutiveRun(latest)) found.push("sequential_numbers");
			return found.sort();
		}
		// A seeded walk: bursts and pauses, numbers near each other (runs happen), some repeated.
		let seed = 7;
		const next = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			// The high bits: the low ones of this generator repeat within a few draws.
			return Math.floor((seed / 2_147_483_648) * n);
		};
		let time = 5 * 3_600_000;
		let number = 500_005_000;
		const seen = new Set<string>();
		for (let i = 0; i < 160; i++) {
			time += next(40) === 0 ? next(15 * MINUTE) : next(25_000);
			number += next(3) === 0 ? next(40) - 20 : 1;
			await record("professionnel1", String(number), at(time));
			const now = at(time + next(2) * next(5 * MINUTE));
			const watched = (await patternsOf("professionnel1", now))
				.map(({ pattern, details }) =>
					pattern === "many_members" ? `${pattern}:${details.distinct}` : pattern,
				)
				.sort();
			expect(watched, `check ${i}`).toEqual(await scanned(now));
			for (const found of watched) seen.add(found.split(":")[0] ?? "");
		}
		// The walk shows both patterns, or the comparison proves little.
		expect([...seen].sort()).toEqual(["many_members", "sequential_numbers"]);
	});
});
