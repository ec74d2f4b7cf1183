// Outstanding reset and activation links die with the state they were sent for (issue 11): when
// the password changes, when the e-mail address changes, and when the account is suspended. A
// reset link asked for before a password change must not set the password again afterwards.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { DEMO_ACCOUNTS } from "../demo/accounts.ts";
import { type Account, accounts } from "../schema/tables/index.ts";
import { createSeededTestDatabase } from "../tests/support/demo.ts";
import { changePassword } from "./account-security.ts";
import { suspendAccount } from "./account-state.ts";
import { cryptoRandomBytes } from "./deps.ts";
import { confirmEmailChange, type EmailChangeMailer, requestEmailChange } from "./email-change.ts";
import { createOneTimeToken, peekOneTimeToken } from "./one-time-token.ts";
import { checkResetLink, newResetLink } from "./password-reset.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
const publicUrl = new URL("http://localhost");
let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 0.2,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
}, 60_000);
afterAll(() => handle.client.close());

async function accountOf(identifier: string): Promise<Account> {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	if (!row) throw new Error(`no account ${identifier}`);
	return row;
}

/** A reset link and an activation link, both outstanding. */
async function outstandingLinks(account: Account): Promise<{ reset: string; activation: string }> {
	const reset = await newResetLink(handle.db, account.id, now, cryptoRandomBytes);
	const activation = await createOneTimeToken(handle.db, {
		purpose: "activation",
		accountId: account.id,
		now,
		randomBytes: cryptoRandomBytes,
	});
	expect((await checkResetLink(handle.db, reset.token, now)).ok).toBe(true);
	return { reset: reset.token, activation: activation.token };
}

async function expectDead(links: { reset: string; activation: string }, at: Date): Promise<void> {
	expect(await checkResetLink(handle.db, links.reset, at)).toMatchObject({ ok: false, reason: "used" });
	expect(
		await peekOneTimeToken(handle.db, { token: links.activation, purpose: "activation", now: at }),
	).toMatchObject({ ok: false, reason: "used" });
}

describe("outstanding reset and activation links", () => {
	it("die when the password is changed while signed in", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.adherent1;
		const account = await accountOf(identifier);
		const links = await outstandingLinks(account);
		const changed = await changePassword(
			handle.db,
			{
				account,
				sessionId: "s",
				now,
				correlationId: "c",
				pepper: PEPPER,
				randomBytes: cryptoRandomBytes,
				publicUrl,
			},
			{
				current: password,
				next: "cerf-volant bleu sur la dune 1987",
				confirmation: "cerf-volant bleu sur la dune 1987",
				names: [],
			},
		);
		expect(changed).toEqual({ ok: true });
		await expectDead(links, new Date(now.getTime() + 60_000));
	});

	it("die when the e-mail address changes", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.adherent2;
		const account = await accountOf(identifier);
		const links = await outstandingLinks(account);
		let confirmationPath = "";
		const mailer: EmailChangeMailer = {
			confirmation: async (_tx, mail) => {
				confirmationPath = mail.confirmationPath;
			},
			notice: async () => {},
		};
		const requested = await requestEmailChange(
			handle.db,
			{
				account,
				sessionId: "s",
				password,
				newEmail: "nouvelle.adresse@demo.espace.test",
				now,
				pepper: PEPPER,
				publicUrl,
				randomBytes: cryptoRandomBytes,
				ipKey: "ip",
			},
			mailer,
		);
		expect(requested.ok).toBe(true);
		const token = new URL(confirmationPath, publicUrl).searchParams.get("jeton") ?? "";
		const confirmed = await confirmEmailChange(handle.db, { token, now, ipKey: "ip" });
		expect(confirmed.ok).toBe(true);
		await expectDead(links, new Date(now.getTime() + 60_000));
	});

	it("die when the account is suspended", async () => {
		const [other] = await handle.db
			.select()
			.from(accounts)
			.where(eq(accounts.space, "adherent"))
			.limit(1)
			.offset(5);
		if (!other) throw new Error("no account");
		const links = await outstandingLinks(other);
		const suspended = await suspendAccount(handle.db, {
			identifier: other.identifier,
			reason: "test",
			now,
			actor: { kind: "staff", via: "test" },
		});
		expect(suspended.ok).toBe(true);
		await expectDead(links, new Date(now.getTime() + 60_000));
	});
});
