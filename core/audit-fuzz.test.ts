// Whatever text reaches the audit trail (a path parameter, a reason typed by staff, a correlation
// id from a header), the chain must verify afterwards: what is hashed is what is stored and read
// back. Arbitrary Unicode, control characters and lone surrogates in every free field, through
// both writers (the group commit and the caller's transaction).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { auditEvents } from "../schema/tables/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import {
	type AuditEventInput,
	appendAuditEvent,
	recordAuditEvent,
	trailText,
	verifyAuditChain,
} from "./audit.ts";

let handle: DatabaseHandle;
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-audit-fuzz-"));
	handle = await createTestDatabase(`file:${join(dir, "espace.db")}`);
});
afterAll(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

/** Any UTF-16 text, lone surrogates included, with control characters made likely. */
const anyText = fc.oneof(
	fc.string({ unit: "binary" }),
	fc.string({
		unit: fc.constantFrom(
			"\u0000",
			"\u0001",
			"\u001f",
			"\u007f",
			"\u0085",
			"\ud800",
			"\udfff",
			"\\",
			"a",
			"é",
			"😀",
			"\u2028",
		),
	}),
	fc.string({ unit: "grapheme" }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const auditInput: fc.Arbitrary<AuditEventInput> = fc.record({
	occurredAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
	accountId: maybe(fc.integer({ min: 1, max: 2 ** 31 })),
	sessionId: maybe(anyText),
	actorKind: fc.constantFrom("account", "staff", "system"),
	action: anyText,
	objectType: maybe(anyText),
	objectId: maybe(anyText),
	outcome: fc.constantFrom("success", "denied", "failure"),
	correlationId: maybe(anyText),
	ipHash: maybe(anyText),
	details: maybe(
		fc.dictionary(anyText, fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), {
			maxKeys: 4,
		}),
	),
});

describe("the audit trail, fuzzed", () => {
	it("verifies intact after any text in every free field, through both writers", async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(auditInput, fc.boolean()), { minLength: 1, maxLength: 6 }),
				async (batch) => {
					await Promise.all(
						batch.map(([input, inTransaction]) =>
							inTransaction
								? handle.db.transaction((tx) => appendAuditEvent(tx, input), { behavior: "immediate" })
								: recordAuditEvent(handle.db, input),
						),
					);
					const verification = await verifyAuditChain(handle.db);
					expect(verification).toMatchObject({ ok: true });
				},
			),
			{ numRuns: 60, seed: 20261205 },
		);
	}, 120_000);

	it("reads back exactly the encoded text it was given", async () => {
		const seq = await recordAuditEvent(handle.db, {
			occurredAt: new Date("2026-12-05T10:00:00Z"),
			actorKind: "account",
			action: "view:/api/v1/adherent/remboursements/:id",
			objectType: "id",
			objectId: "\u0000a\\\ud800",
			outcome: "denied",
			details: { "k\u0000": "v\u001b" },
		});
		const rows = await handle.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
		const row = rows.find((candidate) => candidate.seq === seq);
		expect(row?.objectId).toBe("\\u0000a\\u005c\\ud800");
		expect(row?.details).toEqual({ "k\\u0000": "v\\u001b" });
		expect(trailText("plain é 😀")).toBe("plain é 😀");
	});
});
