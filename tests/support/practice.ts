// Signing a demo practice in through the real forms, with its enrolled authenticator app (TOTP
// is mandatory for health professionals): the code is computed for the app's clock.
import * as OTPAuth from "otpauth";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../demo/accounts.ts";
import type { App } from "../../edge/app.tsx";
import { createSeededTestApp, signInThroughForms } from "./route-testing.ts";
import { unusedTotpCode } from "./unused-totp.ts";

export type DemoPracticeKey = "professionnel1" | "professionnel2";

export function practiceTotp(now: Date): string {
	return new OTPAuth.TOTP({
		secret: DEMO_TOTP_SECRETS.professionnel,
		digits: 6,
		period: 30,
		algorithm: "SHA1",
	}).generate({ timestamp: now.getTime() });
}

/** A code of the demo practices' app for a step the e2e server has not accepted yet. */
export function practiceTotpForServer(
	databaseUrl: string,
	identifier: string,
	serverClockOffsetMs: number,
): Promise<string> {
	return unusedTotpCode({
		databaseUrl,
		identifier,
		secret: DEMO_TOTP_SECRETS.professionnel,
		serverClockOffsetMs,
	});
}

/** Signs a demo practice in (a code is never accepted twice: one sign-in per account and step). */
export function signInDemoPractice(app: App, key: DemoPracticeKey, now: Date): Promise<string> {
	const { identifier, password } = DEMO_ACCOUNTS[key];
	return signInThroughForms(app, identifier, password, async () => practiceTotp(now));
}

/** The demo population, the app on it, and both demo practices signed in (the practice tests' start). */
export async function createPracticeTestApp(now: Date): Promise<{
	handle: DatabaseHandle;
	app: App;
	practice: string;
	other: string;
}> {
	const { handle, app } = await createSeededTestApp({ scale: 1, now });
	const practice = await signInDemoPractice(app, "professionnel1", now);
	const other = await signInDemoPractice(app, "professionnel2", now);
	return { handle, app, practice, other };
}
