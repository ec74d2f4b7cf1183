// Time-based one-time passwords (RFC 6238) for the optional authenticator app, mandatory for
// health professionals and employers (SECURITY.md "Second factor"). Parameters are the ones
// every authenticator app supports: HMAC-SHA-1, 6 digits, 30-second steps. A code is accepted
// one step early or late (clock drift) and never twice: the caller stores the returned step and
// passes it back, and any step at or before it is refused (RFC 6238 §5.2).
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import { organisation } from "./organisation.ts";
import type { RandomBytes } from "./password.ts";

export const TOTP_PARAMETERS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 §4 recommends. */
const SECRET_BYTES = 20;
/** Steps accepted on each side of the server's current one. */
const DRIFT_STEPS = 1;

export type TotpVerification = { ok: true; step: number } | { ok: false };

const encoder = new TextEncoder();

/** A new shared secret, base32 without padding as authenticator apps expect (32 characters). */
export function generateTotpSecret(randomBytes: RandomBytes): string {
	return encodeBase32UpperCaseNoPadding(randomBytes(SECRET_BYTES));
}

function totpFor(secret: string, label = ""): TOTP {
	return new TOTP({
		issuer: organisation.name,
		label,
		secret: Secret.fromBase32(secret),
		...TOTP_PARAMETERS,
	});
}

/** The otpauth:// URI that the QR code carries; the app shows "Harmonie Mutuelle (label)". */
export function totpUri(secret: string, accountLabel: string): string {
	return totpFor(secret, accountLabel).toString();
}

/** The QR code of the URI as an SVG document, to show inline on the enrolment page. */
export function totpQrSvg(uri: string): string {
	// Level M survives a smudged or glare-struck phone screen; the border is the quiet zone.
	return renderSVG(uri, { ecc: "M", border: 2, pixelSize: 6 });
}

/** The time step of an instant (RFC 6238 T). */
export function totpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PARAMETERS.period);
}

/** Checks a code typed by the user; spaces are allowed ("123 456" as many apps display it). */
export function verifyTotp(
	secret: string,
	code: string,
	now: Date,
	lastUsedStep?: number | null,
): TotpVerification {
	const typed = code.replaceAll(/\s/g, "");
	if (!/^\d{6}$/.test(typed)) return { ok: false };
	const totp = totpFor(secret);
	const current = totpStep(now);
	// The current step first, so that a code valid for both wins the freshest step.
	for (const step of [current, current - DRIFT_STEPS, current + DRIFT_STEPS]) {
		if (lastUsedStep != null && step <= lastUsedStep) continue;
		const expected = totp.generate({ timestamp: step * TOTP_PARAMETERS.period * 1000 });
		if (constantTimeEqual(encoder.encode(expected), encoder.encode(typed))) return { ok: true, step };
	}
	return { ok: false };
}
