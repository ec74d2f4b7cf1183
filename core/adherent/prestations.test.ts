// The reimbursement services on a seeded database: pages and totals, the allow-lists of the
// filters, and the payment notices (queued once per payment, the date only).
import { and, eq, gte, inArray, like, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts, jobs, memberPayments, outgoingMails, prestations } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoMemberId } from "../../tests/support/demo.ts";
import {
	checkFilterChoices,
	getPrestation,
	listFilterChoices,
	listPrestations,
	notifyPaymentsMade,
} from "./prestations.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const publicUrl = new URL("https://espace.example.fr");
let handle: DatabaseHandle;
let memberId: number;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	memberId = await demoMemberId(handle.db, "adherent1");
}, 60_000);
afterAll(() => handle.client.close());

describe("the reimbursement lines", () => {
	it("come a page at a time with the totals of the whole selection, and refuse a page past the last", async () => {
		const all = await handle.db.select().from(prestations).where(eq(prestations.memberId, memberId));
		const page = await listPrestations(handle.db, memberId, {}, 2, 10);
		if (!page.ok) throw new Error("page 2 exists");
		expect(page.lines).toHaveLength(10);
		expect(page.pageCount).toBe(Math.ceil(all.length / 10));
		expect(page.totals).toEqual({
			count: all.length,
			chargedCents: all.reduce((sum, line) => sum + line.chargedCents, 0),
			ssPaidCents: all.reduce((sum, line) => sum + line.ssPaidCents, 0),
			mutuelleCents: all.reduce((sum, line) => sum + line.mutuelleCents, 0),
			remainingCents: all.reduce((sum, line) => sum + line.remainingCents, 0),
		});
		for (const line of page.lines) {
			expect(line.ssPaidCents + line.mutuelleCents + line.remainingCents).toBe(line.chargedCents);
		}
		expect(await listPrestations(handle.db, memberId, {}, page.pageCount + 1, 10)).toMatchObject({
			ok: false,
			reason: "page_out_of_range",
		});
		const none = await listPrestations(handle.db, memberId, { from: "1990-01-01", to: "1990-12-31" }, 1);
		expect(none).toMatchObject({ ok: true, pageCount: 1, totals: { count: 0, chargedCents: 0 } });
	});

	it("are the member's only, and the filters accept only the member's beneficiaries and known categories", async () => {
		const [theirs] = await handle.db
			.select({ id: prestations.id, beneficiaryId: prestations.beneficiaryId })
			.from(prestations)
			.where(eq(prestations.memberId, memberId + 1))
			.limit(1);
		expect(await getPrestation(handle.db, memberId, theirs?.id ?? 0)).toBeNull();
		expect(await getPrestation(handle.db, memberId + 1, theirs?.id ?? 0)).not.toBeNull();
		const choices = await listFilterChoices(handle.db, memberId);
		expect(choices.beneficiaries.map((b) => b.firstName)).toEqual(["Julien", "Camille", "Léa", "Hugo"]);
		expect(checkFilterChoices(choices, { beneficiaryId: theirs?.beneficiaryId })).toBe("unknown_beneficiary");
		expect(checkFilterChoices(choices, { categoryCode: "astrologie" })).toBe("unknown_category");
		expect(
			checkFilterChoices(choices, { categoryCode: "optique", beneficiaryId: choices.beneficiaries[0]?.id }),
		).toBeNull();
	});
});

describe("the payment notices", () => {
	const now = new Date("2026-11-20T17:00:00Z");

	it("queue one e-mail per recent payment to an active account, with the date and nothing else, once", async () => {
		// A payment sent back by the bank was not made: no notice.
		const [returned] = await handle.db
			.select({ id: memberPayments.id })
			.from(memberPayments)
			.innerJoin(accounts, and(eq(accounts.memberId, memberPayments.memberId), eq(accounts.state, "active")))
			.where(
				and(
					gte(memberPayments.paidOn, "2026-11-14"),
					ne(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier),
				),
			)
			.limit(1);
		await handle.db
			.update(memberPayments)
			.set({ status: "returned" })
			.where(eq(memberPayments.id, returned?.id ?? 0));
		const first = await notifyPaymentsMade(handle.db, { now, publicUrl });
		expect(first.queued).toBeGreaterThan(5);
		expect(first.queued).toBe(first.payments);
		const mails = await handle.db
			.select()
			.from(outgoingMails)
			.where(eq(outgoingMails.template, "payment-notice"));
		expect(mails).toHaveLength(first.queued);
		const demo = mails.find((mail) => mail.toAddress === DEMO_ACCOUNTS.adherent1.email);
		expect(demo?.textBody).toContain("13 novembre 2026");
		expect(demo?.textBody).toContain("https://espace.example.fr/adherent/remboursements");
		expect(demo?.idempotencyKey).toMatch(/^payment-notice\/\d+$/);
		for (const mail of mails) {
			expect(mail.textBody).not.toMatch(/€|\d+,\d{2}/);
			expect(mail.subject).toBe("Un remboursement vous a été versé");
		}
		expect(mails.some((mail) => mail.idempotencyKey === `payment-notice/${returned?.id}`)).toBe(false);
		const recipients = await handle.db
			.select({ state: accounts.state })
			.from(accounts)
			.where(
				inArray(
					accounts.email,
					mails.map((mail) => mail.toAddress),
				),
			);
		expect(recipients.every((account) => account.state === "active")).toBe(true);
		const delivery = await handle.db.$count(jobs, like(jobs.idempotencyKey, "mail.queued:%"));
		expect(delivery).toBeGreaterThanOrEqual(first.queued);

		const again = await notifyPaymentsMade(handle.db, {
			now: new Date(now.getTime() + 3_600_000),
			publicUrl,
		});
		expect(again).toEqual({ payments: 0, queued: 0 });
		expect(await handle.db.$count(outgoingMails, eq(outgoingMails.template, "payment-notice"))).toBe(
			first.queued,
		);
	});

	it("never announces a payment older than the look-back window (no backlog on a first run)", async () => {
		const later = await notifyPaymentsMade(handle.db, { now: new Date("2026-12-20T08:00:00Z"), publicUrl });
		expect(later).toEqual({ payments: 0, queued: 0 });
	});
});
