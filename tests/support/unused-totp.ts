// An authenticator code for a step the server has not accepted yet. The end-to-end files share one
// portal and sign the same demo accounts in; a step is accepted once only (replays are refused,
// core/totp.ts), and one step early or late. Two sign-ins of one account within 30 seconds (two
// short files in a row) would otherwise have the second refused.
import * as OTPAuth from "otpauth";
import { createDatabase } from "../../db/client.ts";

const PERIOD_MS = 30_000;

export async function unusedTotpCode(options: {
	readonly databaseUrl: string;
	readonly identifier: string;
	readonly secret: string;
	/** The server's clock minus this machine's (the e2e setup measures it). */
	readonly serverClockOffsetMs: number;
}): Promise<string> {
	// The server's clock from the measured offset: sessions in the shared database may carry other
	// instants (tests that move a clock forward), so their newest one is no guide.
	const now = Date.now() + options.serverClockOffsetMs;
	const handle = createDatabase({ url: options.databaseUrl });
	try {
		await handle.ready;
		const result = await handle.client.execute({
			sql: "SELECT totp_last_used_step AS used FROM accounts WHERE identifier = ?",
			args: [options.identifier],
		});
		const used = result.rows[0]?.used;
		const step = Math.max(
			Math.floor(now / PERIOD_MS),
			used === null || used === undefined ? 0 : Number(used) + 1,
		);
		return new OTPAuth.TOTP({ secret: options.secret }).generate({ timestamp: step * PERIOD_MS + 1_000 });
	} finally {
		handle.client.close();
	}
}
