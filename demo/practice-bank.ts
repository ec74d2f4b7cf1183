// The account every practice with a tiers-payant convention is paid on (« Mon cabinet »). Written
// after the generated population, from each practice's id rather than from the seeded random
// stream, so that every other generated row stays the same as before this table existed.
import { isNotNull } from "drizzle-orm";
import { practiceName } from "../core/professionnel/practice.ts";
import type { Database } from "../db/client.ts";
import { frenchIban, ibanLast4 } from "../schema/identifiers.ts";
import { practiceBankAccounts, professionals } from "../schema/tables/index.ts";

const BANKS = [
	{ code: "30004", bic: "BNPAFRPPXXX" },
	{ code: "30003", bic: "SOGEFRPPXXX" },
	{ code: "20041", bic: "PSSTFRPPXXX" },
	{ code: "30066", bic: "CMCIFRPPXXX" },
] as const;
const DAY_MS = 86_400_000;
const CHUNK = 500;

export async function writeDemoPracticeBankAccounts(
	db: Database,
	nowMs: number,
): Promise<Record<string, number>> {
	const practices = await db
		.select({
			id: professionals.id,
			practiceName: professionals.practiceName,
			firstName: professionals.firstName,
			lastName: professionals.lastName,
		})
		.from(professionals)
		.where(isNotNull(professionals.conventionNumber))
		.orderBy(professionals.id);
	const rows = practices.map((practice) => {
		const bank = BANKS[practice.id % BANKS.length] ?? BANKS[0];
		const iban = frenchIban(
			bank.code,
			String(10_000 + (practice.id % 90_000)),
			String(practice.id).padStart(11, "0"),
		);
		return {
			professionalId: practice.id,
			iban,
			ibanLast4: ibanLast4(iban),
			bic: bank.bic,
			holderName: practiceName(practice).slice(0, 70),
			status: "active" as const,
			activeSince: new Date(nowMs - (200 + (practice.id % 400)) * DAY_MS),
		};
	});
	for (let i = 0; i < rows.length; i += CHUNK)
		await db.insert(practiceBankAccounts).values(rows.slice(i, i + CHUNK));
	return { practice_bank_accounts: rows.length };
}
