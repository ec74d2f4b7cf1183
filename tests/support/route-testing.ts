// Helpers of the route tests that sign in through the real forms: building the app on a test
// database, building form posts, carrying the session cookie, and reading the sign-in code from
// the local mailbox.
import { and, desc, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { type App, createApp } from "../../edge/app.tsx";
import { outgoingMails } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { createTestDeps } from "./test-deps.ts";

export const TEST_ORIGIN = "http://localhost";

export interface TestAppOptions {
	readonly db: Database;
	readonly clock: () => Date;
	/** SESSION_PEPPER: the one the database was seeded with, for the demo passwords to match. */
	readonly pepper: string;
	/** More environment variables, e.g. `productionTestEnv()` for the production configuration. */
	readonly env?: Record<string, string>;
}

/** The edge app on `db` (createTestDeps otherwise), with real random bytes. */
export function createTestApp({ db, clock, pepper, env = {} }: TestAppOptions): App {
	return createApp(
		createTestDeps(
			{ db, clock, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)) },
			{ ...env, SESSION_PEPPER: pepper },
		),
	);
}

export function formPost(fields: Record<string, string>): RequestInit {
	return {
		method: "POST",
		headers: {
			Origin: TEST_ORIGIN,
			"Content-Type": "application/x-www-form-urlencoded",
			"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
		},
		body: new URLSearchParams(fields).toString(),
	};
}

export function withCookie(cookie: string, init: RequestInit = {}): RequestInit {
	return { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie } };
}

/** The `name=value` of the session cookie a response sets. */
export function cookieOf(response: Response): string {
	return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

export async function latestMail(db: Database, email: string, template: string) {
	const [mail] = await db
		.select()
		.from(outgoingMails)
		.where(and(eq(outgoingMails.toAddress, email), eq(outgoingMails.template, template)))
		.orderBy(desc(outgoingMails.id))
		.limit(1);
	return mail;
}

export async function latestSignInCode(db: Database, email: string): Promise<string> {
	const mail = await latestMail(db, email, "sign-in-code");
	return /\b(\d{6})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
}

/** Signs in through `/connexion` and `/connexion/verification`; returns the session cookie. */
export async function signInThroughForms(
	app: App,
	identifier: string,
	password: string,
	secondFactor: () => Promise<string>,
): Promise<string> {
	const first = await app.request("/connexion", formPost({ identifiant: identifier, motDePasse: password }));
	if (first.status !== 303) throw new Error(`sign-in refused: ${first.status}`);
	const partial = cookieOf(first);
	const verified = await app.request(
		"/connexion/verification",
		withCookie(partial, formPost({ code: await secondFactor() })),
	);
	if (verified.status !== 303) throw new Error(`second factor refused: ${verified.status}`);
	return cookieOf(verified);
}

type DemoKey = "adherent1" | "adherent2";

/** Signs a demo adhérent in through the forms (code read from the mailbox); returns the cookie. */
export function signInDemoMember(app: App, db: Database, key: DemoKey): Promise<string> {
	const { identifier, password, email } = DEMO_ACCOUNTS[key];
	return signInThroughForms(app, identifier, password, () => latestSignInCode(db, email));
}

/** Signs a demo adhérent in through the JSON API; returns the bearer token. */
export async function apiTokenOfDemoMember(app: App, db: Database, key: DemoKey): Promise<string> {
	const { identifier, password, email } = DEMO_ACCOUNTS[key];
	const json = { "Content-Type": "application/json" };
	const first = await app.request("/api/v1/auth/sign-in", {
		method: "POST",
		headers: json,
		body: JSON.stringify({ identifier, password }),
	});
	const partial = ((await first.json()) as { token: string }).token;
	const second = await app.request("/api/v1/auth/second-factor", {
		method: "POST",
		headers: { ...json, Authorization: `Bearer ${partial}` },
		body: JSON.stringify({ code: await latestSignInCode(db, email) }),
	});
	if (second.status !== 200) throw new Error(`second factor refused: ${second.status}`);
	return ((await second.json()) as { token: string }).token;
}

/** The demo population and the app on it, as most route tests of the espace adhérent start. */
export async function createSeededTestApp(options: {
	readonly scale: number;
	readonly now: Date;
	readonly pepper?: string;
}): Promise<{ handle: DatabaseHandle; app: App }> {
	const pepper = options.pepper ?? "test-pepper-long-enough-for-the-config-check";
	const handle = await createSeededTestDatabase({
		scale: options.scale,
		seed: 42,
		pepper,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	return { handle, app: createTestApp({ db: handle.db, clock: () => options.now, pepper }) };
}
