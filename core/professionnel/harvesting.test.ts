// Harvesting patterns on a seeded database: a practice walking member numbers, or checking many
// members in a short time, raises one recorded alert for staff, e-mailed to them once through the
// outbox (to the configured address, or to every active staff account); ordinary use raises none.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { accounts, auditEvents, outgoingMails, rightsCheckAlerts } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { isConsecutiveRun, listOpenHarvestingAlerts } from "./harvesting.ts";
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
