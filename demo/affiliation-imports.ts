// The demo companies' past CSV import of affiliations (ADR 0033): one finished import with its
// refused lines, so that the upload page lists something and the report has rows to show.
import { inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { accounts, affiliationImportLines, affiliationImports } from "../schema/tables/index.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";

const DAY_MS = 86_400_000;

export async function writeDemoAffiliationImports(
	db: Database,
	nowMs: number,
): Promise<Record<string, number>> {
	const employers = await db
		.select({ id: accounts.id, companyId: accounts.companyId })
		.from(accounts)
		.where(
			inArray(accounts.identifier, [
				DEMO_ACCOUNTS.employeur1.identifier,
				DEMO_ACCOUNTS.employeur2.identifier,
			]),
		)
		.orderBy(accounts.id);
	let lines = 0;
	for (const [index, employer] of employers.entries()) {
		if (employer.companyId === null) continue;
		const at = new Date(nowMs - (20 + index) * DAY_MS);
		const [row] = await db
			.insert(affiliationImports)
			.values({
				companyId: employer.companyId,
				accountId: employer.id,
				fileName: "nouveaux-salaries.csv",
				fileSha256: `${"0".repeat(63)}${index}`,
				status: "done",
				lineCount: 2,
				createdAt: at,
				confirmedAt: at,
				finishedAt: at,
				updatedAt: at,
			})
			.returning({ id: affiliationImports.id });
		if (!row) continue;
		await db.insert(affiliationImportLines).values([
			{
				importId: row.id,
				line: 2,
				status: "rejected",
				reason: "nir : le numéro de sécurité sociale n'est pas valide (15 caractères, clé comprise).",
			},
			{
				importId: row.id,
				line: 3,
				status: "rejected",
				reason: "date_affiliation : l'affiliation ne peut pas commencer avant le contrat collectif.",
			},
		]);
		lines += 2;
	}
	return { affiliationImports: employers.length, affiliationImportLines: lines };
}
