// Signing the demo employers in through the real forms, their authenticator code computed from
// the demo TOTP secret at the test's clock (demo/accounts.ts).
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../demo/accounts.ts";
import type { App } from "../../edge/app.tsx";
import { signInThroughForms } from "./route-testing.ts";

/** The code an authenticator app shows at `now` for the demo employers' secret. */
export function demoEmployerCode(now: Date): string {
	const totp = new OTPAuth.TOTP({
		secret: DEMO_TOTP_SECRETS.employeur,
		digits: 6,
		period: 30,
		algorithm: "SHA1",
	});
	return totp.generate({ timestamp: now.getTime() });
}

/** Signs a demo employer in through the forms; returns the session cookie. */
export function signInDemoEmployer(app: App, key: "employeur1" | "employeur2", now: Date): Promise<string> {
	const { identifier, password } = DEMO_ACCOUNTS[key];
	return signInThroughForms(app, identifier, password, async () => demoEmployerCode(now));
}

/**
 * Signs a demo employer in through the real pages of the end-to-end server, in a browser. The
 * server's clock is its own (test-clock.ts: a fixed start that moves with real time), so the
 * authenticator code is computed for the server's instant, read from the half-open session the
 * password step just wrote, and for a step the account has not used yet (a code is never
 * accepted twice, and the narrow-screens test signs the same accounts in).
 */
export async function signInEmployerInBrowser(
	page: Page,
	baseUrl: string,
	databaseUrl: string,
	key: "employeur1" | "employeur2" | "employeurLecture",
): Promise<void> {
	const { identifier, password } = DEMO_ACCOUNTS[key];
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(identifier);
	await page.getByLabel("Mot de passe").fill(password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	const handle = createDatabase({ url: databaseUrl });
	try {
		await handle.ready;
		const result = await handle.client.execute({
			sql: `SELECT max(s.created_at) AS server_now, a.totp_last_used_step AS used FROM accounts a
				JOIN sessions s ON s.account_id = a.id WHERE a.identifier = :identifier`,
			args: { identifier },
		});
		const row = result.rows[0];
		const read = Date.now();
		const serverNow = Number(row?.server_now);
		const step = Math.max(Math.floor(serverNow / 30_000), row?.used === null ? 0 : Number(row?.used) + 1);
		await page.getByLabel("Code de vérification").fill(demoEmployerCode(new Date(step * 30_000 + 1_000)));
		if (Date.now() - read > 25_000) throw new Error("the code came too late for its step");
	} finally {
		handle.client.close();
	}
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(/\/(employeur|compte\/cgu)/);
}

/** Signs a demo employer in through the JSON API (authenticator code at `now`); returns the bearer token. */
export async function apiTokenOfDemoEmployer(
	app: App,
	key: "employeur1" | "employeur2" | "employeurLecture",
	now: Date,
): Promise<string> {
	const { identifier, password } = DEMO_ACCOUNTS[key];
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
		body: JSON.stringify({ code: demoEmployerCode(now) }),
	});
	if (second.status !== 200) throw new Error(`second factor refused: ${second.status}`);
	return ((await second.json()) as { token: string }).token;
}
