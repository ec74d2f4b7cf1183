import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { getStatement, listStatements } from "./statements.ts";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
// The demo families come first: member 1 is Julien Mercier, member 2 Sophie Durand.
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

describe("the statements of a member", () => {
	it("are never another member's", async () => {
		const theirs = await listStatements(handle.db, SOPHIE);
		const id = theirs.statements[0]?.id ?? 0;
		expect(await getStatement(handle.db, SOPHIE, id)).not.toBeNull();
		expect(await getStatement(handle.db, JULIEN, id)).toBeNull();
	});

	it("add up: lines, beneficiaries and the statement agree", async () => {
		const { statements } = await listStatements(handle.db, JULIEN, { year: 2025 });
		expect(statements.length).toBeGreaterThan(0);
		for (const summary of statements) {
			const detail = await getStatement(handle.db, JULIEN, summary.id);
			if (!detail) throw new Error("missing statement");
			expect(detail.totals.chargedCents).toBe(summary.chargedCents);
			expect(detail.totals.mutuelleCents).toBe(summary.mutuelleCents);
			expect(detail.groups.reduce((sum, group) => sum + group.lines.length, 0)).toBe(summary.lineCount);
			for (const group of detail.groups)
				expect(group.totals.ssPaidCents + group.totals.mutuelleCents + group.totals.remainingCents).toBe(
					group.totals.chargedCents,
				);
		}
	});

	it("are an empty list, with no year, for a member who has none", async () => {
		expect(await listStatements(handle.db, 987_654)).toEqual({
			years: [],
			year: null,
			statements: [],
			paperStatements: false,
		});
	});
});
