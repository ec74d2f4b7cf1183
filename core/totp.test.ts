import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpQrSvg, totpStep, totpUri, verifyTotp } from "./totp.ts";

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;
// The RFC's 8-digit values, keeping their last 6 digits (the same truncation, modulo 10^6).
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
	[59, "287082"],
	[1_111_111_109, "081804"],
	[1_111_111_111, "050471"],
	[1_234_567_890, "005924"],
	[2_000_000_000, "279037"],
	[20_000_000_000, "353130"],
];

const at = (seconds: number): Date => new Date(seconds * 1000);
const codeAt = (secret: string, seconds: number): string =>
	TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: seconds * 1000 });

describe("TOTP", () => {
	it("generates a 160-bit base32 secret from the injected randomness", () => {
		const secret = generateTotpSecret((n) => new Uint8Array(n).fill(0xff));
		expect(secret).toBe("7".repeat(32));
		expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
		expect(generateTotpSecret((n) => crypto.getRandomValues(new Uint8Array(n)))).toMatch(/^[A-Z2-7]{32}$/);
	});

	it.each(RFC_VECTORS)("accepts the RFC 6238 SHA-1 vector at T=%i s", (seconds, code) => {
		expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		expect(verifyTotp(RFC_SECRET, code, at(seconds))).toEqual({ ok: true, step: totpStep(at(seconds)) });
	});

	it("accepts one step of drift on either side, not two", () => {
		const now = 1_111_111_111;
		const step = totpStep(at(now));
		expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, now - 30), at(now))).toEqual({
			ok: true,
			step: step - 1,
		});
		expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, now + 30), at(now))).toEqual({
			ok: true,
			step: step + 1,
		});
		expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, now - 60), at(now))).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, now + 60), at(now))).toEqual({ ok: false });
	});

	it("refuses a code replayed in the same step or an earlier one", () => {
		const now = at(1_234_567_890);
		const first = verifyTotp(RFC_SECRET, "005924", now);
		expect(first.ok).toBe(true);
		const lastUsedStep = first.ok ? first.step : null;
		expect(verifyTotp(RFC_SECRET, "005924", now, lastUsedStep)).toEqual({ ok: false });
		const previous = codeAt(RFC_SECRET, 1_234_567_890 - 30);
		expect(verifyTotp(RFC_SECRET, previous, now, lastUsedStep)).toEqual({ ok: false });
		// The next step's code is still good after the last used one.
		const next = codeAt(RFC_SECRET, 1_234_567_890 + 30);
		expect(verifyTotp(RFC_SECRET, next, at(1_234_567_890 + 30), lastUsedStep).ok).toBe(true);
	});

	it("refuses non-numeric, short and wrong codes, and tolerates spaces", () => {
		const now = at(59);
		expect(verifyTotp(RFC_SECRET, "28708a", now)).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, "", now)).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, "28708", now)).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, "94287082", now)).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, "287083", now)).toEqual({ ok: false });
		expect(verifyTotp(RFC_SECRET, "287 082", now).ok).toBe(true);
	});

	it("accepts the shorter 80-bit secrets of the demo accounts", () => {
		const demo = "JBSWY3DPEHPK3PXP";
		expect(verifyTotp(demo, codeAt(demo, 1_700_000_000), at(1_700_000_000)).ok).toBe(true);
	});

	it("builds an otpauth URI with the insurer as issuer", () => {
		const uri = totpUri(RFC_SECRET, "1000000001");
		expect(uri).toBe(
			"otpauth://totp/Harmonie%20Mutuelle:1000000001?issuer=Harmonie%20Mutuelle" +
				"&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30",
		);
	});

	it("renders the URI as an SVG QR code", () => {
		const svg = totpQrSvg(totpUri(RFC_SECRET, "1000000001"));
		expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svg).toContain("</svg>");
		expect(svg).not.toContain("<script");
	});
});
