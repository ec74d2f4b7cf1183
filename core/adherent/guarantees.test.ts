import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { guaranteeLines, guaranteeTables, individualContracts } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { getMemberGuarantees } from "./guarantees.ts";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
// The demo families come first: member 1 is Julien Mercier (Confort), member 2 Sophie Durand.
const JULIEN = 1;
const SOPHIE = 2;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 0.01,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: NOW,
	});
}, 60_000);
afterAll(() => handle.client.close());

async function doctorsLine(day: string) {
	const guarantees = await getMemberGuarantees(handle.db, JULIEN, day);
	return {
		guarantees,
		line: guarantees?.categories.find((category) => category.code === "medecins")?.lines[0],
	};
}

describe("the guarantees of a member", () => {
	it("are the table of their offer in force on the day asked, which changes by date", async () => {
		const before = await doctorsLine("2026-11-26");
		expect(before.guarantees?.offer.code).toBe("CONFORT");
		expect(before.line).toMatchObject({ kind: "percent_br", value: 15_000 });
		const [current] = await handle.db
			.select()
			.from(guaranteeTables)
			.where(and(eq(guaranteeTables.label, "Tableau de garanties Confort")));
		if (!current) throw new Error("no Confort table");
		await handle.db
			.update(guaranteeTables)
			.set({ effectiveTo: "2027-01-01" })
			.where(eq(guaranteeTables.id, current.id));
		const [next] = await handle.db
			.insert(guaranteeTables)
			.values({
				offerId: current.offerId,
				label: "Tableau de garanties Confort 2027",
				effectiveFrom: "2027-01-01",
			})
			.returning();
		await handle.db.insert(guaranteeLines).values({
			tableId: next?.id ?? 0,
			categoryCode: "medecins",
			label: "Consultations et visites",
			kind: "percent_br",
			value: 17_500,
		});
		expect((await doctorsLine("2026-12-31")).line?.value).toBe(15_000);
		const after = await doctorsLine("2027-01-01");
		expect(after.guarantees?.table).toMatchObject({
			label: "Tableau de garanties Confort 2027",
			effectiveTo: null,
		});
		expect(after.line?.value).toBe(17_500);
	});

	it("are those of the contract's last day once it has ended, and show only the account's last 4 characters", async () => {
		await handle.db
			.update(individualContracts)
			.set({ endDate: "2026-06-30", endReason: "member_termination" })
			.where(eq(individualContracts.memberId, SOPHIE));
		const guarantees = await getMemberGuarantees(handle.db, SOPHIE, "2026-11-26");
		expect(guarantees?.referenceDay).toBe("2026-06-30");
		expect(guarantees?.offer.code).toBe("ESSENTIELLE");
		expect(guarantees?.covered.map((person) => person.firstName)).toEqual(["Sophie", "Nathan", "Chloé"]);
		const [contract] = await handle.db
			.select()
			.from(individualContracts)
			.where(eq(individualContracts.memberId, SOPHIE));
		expect(guarantees?.contract.reimbursementIbanLast4).toBe(contract?.reimbursementIban?.slice(-4));
		expect(JSON.stringify(guarantees)).not.toContain(contract?.reimbursementIban ?? "unset");
	});

	it("are null for a member without a contract", async () => {
		expect(await getMemberGuarantees(handle.db, 987_654, "2026-11-26")).toBeNull();
	});
});
