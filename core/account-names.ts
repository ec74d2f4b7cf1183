// The names that belong to an account (the holder's, the company's, the practice's): a password
// built from them is refused (SECURITY.md), and pages greet with them.
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type Account, companies, members, persons, professionals } from "../schema/tables/index.ts";

export async function accountNames(db: Database, account: Account): Promise<string[]> {
	if (account.memberId !== null) {
		const [row] = await db
			.select({ first: persons.firstName, last: persons.lastName })
			.from(members)
			.innerJoin(persons, eq(members.personId, persons.id))
			.where(eq(members.id, account.memberId));
		return row ? [row.first, row.last] : [];
	}
	if (account.companyId !== null) {
		const [row] = await db
			.select({ name: companies.name })
			.from(companies)
			.where(eq(companies.id, account.companyId));
		return row ? [row.name] : [];
	}
	if (account.professionalId !== null) {
		const [row] = await db
			.select({
				first: professionals.firstName,
				last: professionals.lastName,
				practice: professionals.practiceName,
			})
			.from(professionals)
			.where(eq(professionals.id, account.professionalId));
		return row ? [row.first, row.last, row.practice].filter((name): name is string => Boolean(name)) : [];
	}
	if (account.staffPersonId !== null) {
		const [row] = await db
			.select({ first: persons.firstName, last: persons.lastName })
			.from(persons)
			.where(eq(persons.id, account.staffPersonId));
		return row ? [row.first, row.last] : [];
	}
	return [];
}
