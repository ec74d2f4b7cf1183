// Asking a signed-in user to prove it is still them before a sensitive operation (SECURITY.md:
// bank details): the password again, or a fresh code of the authenticator app the account has
// enrolled. A code is single use, as at sign-in: its time step is remembered, so the same code
// (read over a shoulder, or replayed) does not confirm a second operation.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { accounts } from "../schema/tables/index.ts";
import { verifyPassword } from "./password.ts";
import { verifyTotp } from "./totp.ts";

export type IdentityProof =
	| { readonly kind: "password"; readonly password: string }
	| { readonly kind: "totp"; readonly code: string };

/** Whether the proof is good for the account; a TOTP code is spent when it is. */
export async function confirmIdentity(
	db: Database,
	accountId: number,
	proof: IdentityProof,
	options: { readonly now: Date; readonly pepper: string },
): Promise<boolean> {
	const [account] = await db
		.select({
			passwordHash: accounts.passwordHash,
			totpEnabled: accounts.totpEnabled,
			totpSecret: accounts.totpSecret,
			totpLastUsedStep: accounts.totpLastUsedStep,
		})
		.from(accounts)
		.where(eq(accounts.id, accountId));
	if (!account) return false;
	if (proof.kind === "password")
		return account.passwordHash
			? verifyPassword(account.passwordHash, proof.password, options.pepper)
			: false;
	if (!account.totpEnabled || !account.totpSecret) return false;
	const result = verifyTotp(account.totpSecret, proof.code, options.now, account.totpLastUsedStep);
	if (!result.ok) return false;
	const spent = await db
		.update(accounts)
		.set({ totpLastUsedStep: result.step })
		.where(
			and(
				eq(accounts.id, accountId),
				or(isNull(accounts.totpLastUsedStep), lt(accounts.totpLastUsedStep, result.step)),
			),
		)
		.returning({ id: accounts.id });
	return spent.length === 1;
}
