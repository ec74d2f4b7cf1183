// Signing the demo employers in through the real forms, their authenticator code computed from
// the demo TOTP secret at the test's clock (demo/accounts.ts).
import * as OTPAuth from "otpauth";
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
