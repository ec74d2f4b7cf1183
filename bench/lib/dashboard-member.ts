// The dashboard benchmark's member: the demo adhérent 1000000001, signed in at a given instant (the
// benchmark passes the real current date) and having accepted the version of the CGU in force that
// day, whatever the day, as they would on /compte/cgu. Issue 9: a session that had not accepted
// the terms measured 303s to the terms page for weeks.
import { eq } from "drizzle-orm";
import { acceptCgu, cguInForce, hasAcceptedCgu } from "../../core/cgu.ts";
import { createSession, generateSessionToken } from "../../core/session.ts";
import { createDatabase } from "../../db/client.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { loadSiteAssets } from "../../hosts/site-assets.ts";
import { accounts } from "../../schema/tables/index.ts";
import { refuseUnless } from "./expected-responses.ts";

export interface MemberOptions {
	/** The database's URL (a `file:` database the servers can open too). */
	readonly url: string;
	/** The site's build: its `cgu/versions.json` says which terms are in force. */
	readonly siteDir: string;
	readonly now: Date;
	/** Seed an empty database first, at `now`. */
	readonly seed?: { readonly scale: number; readonly pepper: string };
}

export interface BenchMember {
	readonly token: string;
	readonly memberId: number;
	readonly accountId: number;
	readonly members: string;
	/** `now`, ISO 8601. */
	readonly day: string;
	/** The CGU version accepted: the one in force at `now`. */
	readonly cgu: string;
	/** The member's newest reimbursement line: its link is one of the page's markers. */
	readonly newestLineId: number;
}

export async function prepareMember(options: MemberOptions): Promise<BenchMember> {
	const { now } = options;
	const { client, db, ready } = createDatabase({ url: options.url });
	try {
		await ready;
		await migrateDatabase(db);
		if (options.seed)
			await seedDatabase(db, { scale: options.seed.scale, seed: 42, pepper: options.seed.pepper, now });
		const [account] = await db
			.select()
			.from(accounts)
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier));
		refuseUnless(
			account?.memberId != null,
			`the demo adhérent ${DEMO_ACCOUNTS.adherent1.identifier} is missing from this database`,
		);
		// A signed-in session made directly, as after a completed sign-in.
		const token = generateSessionToken((n) => crypto.getRandomValues(new Uint8Array(n)));
		const session = await createSession(db, {
			token,
			account,
			now,
			userAgentLabel: "autocannon",
			secondFactorVerified: true,
		});
		const current = cguInForce((await loadSiteAssets(options.siteDir)).cguVersions, now);
		refuseUnless(current !== undefined, `no version of the CGU is in force on ${now.toISOString()}`);
		if (!(await hasAcceptedCgu(db, account.id, current.version)))
			await acceptCgu(db, {
				accountId: account.id,
				sessionId: session.id,
				version: current.version,
				capacity: "own_capacity",
				now,
				correlationId: "bench-dashboard",
				via: "page",
			});
		const count = await client.execute("SELECT count(*) AS n FROM members");
		const newest = await client.execute({
			sql: "SELECT id FROM prestations WHERE member_id = ? ORDER BY care_date DESC, id DESC LIMIT 1",
			args: [account.memberId],
		});
		return {
			token,
			memberId: account.memberId,
			accountId: account.id,
			members: String(count.rows[0]?.n),
			day: now.toISOString(),
			cgu: current.version,
			newestLineId: Number(newest.rows[0]?.id ?? 0),
		};
	} finally {
		client.close();
	}
}
