// The demo's invited employer administrator (ADR 0034): Léa Martin administers Les Ateliers du
// Rhône SAS (2000000001) with the « lecture » role, with the employers' demo password and TOTP
// secret. Written in SQL once the population is in, so that the generated data stays the same.
import type { Client } from "@libsql/client";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { CGU_VERSION } from "./context.ts";

export async function writeDemoEmployerAdministrators(
	client: Client,
	nowMs: number,
	passwordHash: string,
): Promise<void> {
	const { identifier, email, totpSecret } = DEMO_ACCOUNTS.employeurLecture;
	const main = DEMO_ACCOUNTS.employeur1.identifier;
	// Invited a month ago, activated and enrolled within the hour.
	const invitedAt = nowMs - 30 * 86_400_000;
	const activatedAt = invitedAt + 40 * 60_000;
	await client.batch(
		[
			{
				sql: `INSERT INTO accounts (identifier, space, company_id, email, email_verified_at, password_hash,
						password_changed_at, state, created_at, activated_at, access_until, totp_secret, totp_enabled,
						totp_enabled_at, second_factor_method, last_sign_in_at, updated_at)
					SELECT ?, 'employeur', company_id, ?, ?, ?, ?, 'active', ?, ?, access_until, ?, 1, ?, 'totp', ?, ?
					FROM accounts WHERE identifier = ?`,
				args: [
					identifier,
					email,
					activatedAt,
					passwordHash,
					activatedAt,
					invitedAt,
					activatedAt,
					totpSecret,
					activatedAt,
					activatedAt,
					activatedAt,
					main,
				],
			},
			{
				sql: `INSERT INTO employer_administrators (account_id, company_id, role, first_name, last_name,
						invited_at, invited_by_account_id)
					SELECT a.id, a.company_id, 'lecture', 'Léa', 'Martin', ?, m.id
					FROM accounts a JOIN accounts m ON m.identifier = ? WHERE a.identifier = ?`,
				args: [invitedAt, main, identifier],
			},
			{
				sql: `INSERT INTO cgu_acceptances (account_id, version, accepted_at, capacity)
					SELECT id, ?, ?, 'legal_representative' FROM accounts WHERE identifier = ?`,
				args: [CGU_VERSION, activatedAt, identifier],
			},
		],
		"write",
	);
}
