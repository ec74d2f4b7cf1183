import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { accounts } from "../schema/tables/index.ts";

export const SIGN_UP_SPACES = ["adherent", "employeur", "professionnel"] as const;
export type SignUpSpace = (typeof SIGN_UP_SPACES)[number];

/** The first digit of an identifier tells its space (schema/tables/accounts.ts). */
const SPACE_DIGIT: Readonly<Record<SignUpSpace, string>> = {
	adherent: "1",
	employeur: "2",
	professionnel: "3",
};

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * The next free identifier of the space: one more than the highest in use, which the unique
 * index finds at once. Only when that reaches the end of the range (d999999999) is the lowest
 * gap searched. Called inside the IMMEDIATE transaction that inserts the account, so that two
 * sign-ups cannot take the same one.
 */
export async function allocateIdentifier(tx: Transaction | Database, space: SignUpSpace): Promise<string> {
	const digit = SPACE_DIGIT[space];
	const first = `${digit}000000001`;
	const last = `${digit}999999999`;
	const inRange = and(gte(accounts.identifier, `${digit}000000000`), lte(accounts.identifier, last));
	const [top] = await tx
		.select({ max: sql<string | null>`max(${accounts.identifier})` })
		.from(accounts)
		.where(inRange);
	if (!top?.max) return first;
	if (top.max < last) return String(Number(top.max) + 1);
	const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, first));
	if (!taken) return first;
	const [gap] = await tx.all<{ candidate: number }>(sql`
		SELECT CAST(a.identifier AS INTEGER) + 1 AS candidate FROM accounts a
		WHERE a.identifier >= ${first} AND a.identifier < ${last}
			AND NOT EXISTS (SELECT 1 FROM accounts b WHERE b.identifier = CAST(CAST(a.identifier AS INTEGER) + 1 AS TEXT))
		ORDER BY a.identifier LIMIT 1`);
	if (!gap) throw new Error(`sign-up: no identifier left for the ${space} space`);
	return String(gap.candidate);
}
