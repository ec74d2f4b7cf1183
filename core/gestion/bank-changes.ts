// Staff's view of the companies' bank-details changes in their 48-hour cooling-off period
// (core/employeur/bank-details.ts): the masked IBAN, the company and the dates, so that a
// suspicious one can be blocked before it applies. Blocking goes through the same
// cancelBankChange as the company's own cancel link, audited as staff with the reason, and the
// company's contact address (and the administrator who asked) is told why by e-mail.
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { accounts, bankDetailChanges, companies } from "../../schema/tables/index.ts";
import { cancelBankChange } from "../employeur/bank-details.ts";
import { queueMail } from "../send-mail.ts";
import type { StaffActor } from "./staff.ts";

export const BLOCK_REASON_MAX_LENGTH = 500;

export interface StaffBankChange {
	readonly id: number;
	readonly companyName: string;
	readonly siren: string;
	/** "•••• 0189": never the whole IBAN on a staff screen. */
	readonly maskedIban: string;
	readonly bic: string | null;
	readonly holderName: string;
	readonly requestedAt: Date;
	readonly effectiveAt: Date;
	readonly requestedBy: string;
	readonly status: "pending" | "applied" | "cancelled";
	readonly cancelledAt: Date | null;
}

const selection = {
	id: bankDetailChanges.id,
	companyName: companies.name,
	siren: companies.siren,
	last4: bankDetailChanges.newIbanLast4,
	bic: bankDetailChanges.newBic,
	holderName: bankDetailChanges.newHolderName,
	requestedAt: bankDetailChanges.requestedAt,
	effectiveAt: bankDetailChanges.effectiveAt,
	requestedBy: accounts.identifier,
	status: bankDetailChanges.status,
	cancelledAt: bankDetailChanges.cancelledAt,
};

function baseQuery(db: Pick<Database, "select">) {
	return db
		.select(selection)
		.from(bankDetailChanges)
		.innerJoin(companies, eq(companies.id, bankDetailChanges.companyId))
		.innerJoin(accounts, eq(accounts.id, bankDetailChanges.requestedByAccountId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["where"]>>[number];

function toChange(row: Row): StaffBankChange {
	const { last4, ...rest } = row;
	return { ...rest, maskedIban: `•••• ${last4}` };
}

/** The companies' changes still in their cooling-off period, the first to apply first. */
export async function listPendingBankChanges(db: Pick<Database, "select">): Promise<StaffBankChange[]> {
	const rows = await baseQuery(db)
		.where(eq(bankDetailChanges.status, "pending"))
		.orderBy(asc(bankDetailChanges.effectiveAt), asc(bankDetailChanges.id));
	return rows.map(toChange);
}

export async function getBankChangeForStaff(
	db: Pick<Database, "select">,
	id: number,
): Promise<StaffBankChange | null> {
	const [row] = await baseQuery(db).where(eq(bankDetailChanges.id, id));
	return row ? toChange(row) : null;
}

export type BlockResult = { readonly ok: true } | { readonly ok: false; readonly reason: "not_pending" };

/** Blocks (cancels) a pending company change with the reason, and e-mails the company why. */
export async function blockBankChange(
	db: Database,
	input: { id: number; reason: string; now: Date; actor: StaffActor; publicUrl: URL },
): Promise<BlockResult> {
	const [change] = await db
		.select({
			companyId: bankDetailChanges.companyId,
			last4: bankDetailChanges.newIbanLast4,
			notifiedTo: bankDetailChanges.notifiedTo,
			requesterEmail: accounts.email,
			requesterId: accounts.id,
		})
		.from(bankDetailChanges)
		.innerJoin(accounts, eq(accounts.id, bankDetailChanges.requestedByAccountId))
		.where(and(eq(bankDetailChanges.id, input.id), eq(bankDetailChanges.target, "company_mandate")));
	if (!change) return { ok: false, reason: "not_pending" };
	const cancelled = await cancelBankChange(db, {
		changeId: input.id,
		actor: { accountId: input.actor.accountId, sessionId: input.actor.sessionId },
		now: input.now,
		correlationId: input.actor.correlationId ?? "gestion",
		staffReason: input.reason,
	});
	if (!cancelled) return { ok: false, reason: "not_pending" };
	const recipients = [
		...new Set([change.notifiedTo, change.requesterEmail].filter((to): to is string => Boolean(to))),
	];
	for (const to of recipients)
		await queueMail(db, {
			template: "bank-details-change-blocked",
			data: { ibanLast4: change.last4, reason: input.reason },
			to,
			accountId: change.requesterId,
			idempotencyKey: `bank-details-change-blocked/${input.id}/${to}`,
			now: input.now,
			publicUrl: input.publicUrl,
		});
	return { ok: true };
}
