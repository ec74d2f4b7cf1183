// Roles in the back-office: which areas each opens, and granting one to staff accounts only.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { accounts, auditEvents, persons } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { areasOf, getStaffRole, grantStaffRole, mayOpen } from "./staff.ts";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await createTestDatabase();
	const [person] = await handle.db
		.insert(persons)
		.values({
			lastName: "Roux",
			firstName: "Léa",
			birthDate: "1985-01-02",
			sex: "F",
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: persons.id });
	await handle.db.insert(accounts).values({
		identifier: "9000000200",
		space: "gestionnaire",
		staffPersonId: person?.id ?? 0,
		email: "lea@staff.espace.test",
		state: "active",
		createdAt: now,
		updatedAt: now,
	});
});
afterAll(() => handle.client.close());

describe("staff roles", () => {
	it("nest: an agent opens the requests, a superviseur accounts and proof too, an admin everything", () => {
		expect(areasOf("agent")).toEqual(["demandes"]);
		expect(areasOf("superviseur")).toEqual(["demandes", "comptes", "preuve"]);
		expect(areasOf("admin")).toEqual(["demandes", "comptes", "preuve", "exploitation", "imports", "roles"]);
		expect(mayOpen("superviseur", "exploitation")).toBe(false);
	});

	it("are granted to staff accounts only, changed in place, and recorded", async () => {
		const [account] = await handle.db.select().from(accounts).where(eq(accounts.identifier, "9000000200"));
		expect(await getStaffRole(handle.db, account?.id ?? 0)).toBeNull();
		const grant = (identifier: string, role: "agent" | "admin") =>
			grantStaffRole(handle.db, { identifier, role, now, grantedByAccountId: null, via: "test" });
		expect(await grant("9000000200", "agent")).toEqual({ ok: true, previous: null });
		expect(await grant("9000000200", "admin")).toEqual({ ok: true, previous: "agent" });
		expect(await getStaffRole(handle.db, account?.id ?? 0)).toBe("admin");
		expect(await grant("1999999999", "admin")).toEqual({ ok: false, reason: "unknown_account" });
		const entries = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "gestion.staff_role.granted"));
		expect(entries.map((entry) => entry.details?.role)).toEqual(["agent", "admin"]);
	});
});
