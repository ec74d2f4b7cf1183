import { describe, expect, it } from "vitest";
import { hashPassword, PASSWORD_HASH_PARAMETERS, passwordNeedsRehash, verifyPassword } from "./password.ts";

const PEPPER = "test-pepper-of-at-least-32-characters";

function parsePhc(hash: string) {
	const [, algorithm, version, parameters, salt, digest] = hash.split("$");
	const params = Object.fromEntries((parameters ?? "").split(",").map((pair) => pair.split("=")));
	const decode = (value = "") => Buffer.from(value, "base64").length;
	return { algorithm, version, params, saltBytes: decode(salt), hashBytes: decode(digest) };
}

describe("password hashing", () => {
	it("pins Argon2id with m=19456, t=2, p=1, a 16-byte salt and a 32-byte hash", async () => {
		const phc = parsePhc(await hashPassword("correct horse battery staple", PEPPER));
		expect(phc.algorithm).toBe("argon2id");
		expect(phc.version).toBe("v=19");
		expect(phc.params).toEqual({ m: "19456", t: "2", p: "1" });
		expect(phc.saltBytes).toBe(16);
		expect(phc.hashBytes).toBe(32);
		expect(PASSWORD_HASH_PARAMETERS).toMatchObject({ memorySize: 19_456, iterations: 2, parallelism: 1 });
	});

	it("verifies the right password and refuses a wrong one or another pepper", async () => {
		const hash = await hashPassword("un mot de passe très long", PEPPER);
		expect(await verifyPassword(hash, "un mot de passe très long", PEPPER)).toBe(true);
		expect(await verifyPassword(hash, "un mot de passe très lonG", PEPPER)).toBe(false);
		expect(await verifyPassword(hash, "un mot de passe très long", `${PEPPER}x`)).toBe(false);
		expect(await verifyPassword(hash, "un mot de passe très long", null)).toBe(false);
	});

	it("draws its salt from the injected source, so a fixed source gives a fixed hash", async () => {
		const zeros = (length: number) => new Uint8Array(length);
		const first = await hashPassword("même mot de passe", PEPPER, { randomBytes: zeros });
		const second = await hashPassword("même mot de passe", PEPPER, { randomBytes: zeros });
		expect(first).toBe(second);
		expect(first).toContain("$AAAAAAAAAAAAAAAAAAAAAA$");
		expect(await hashPassword("même mot de passe", PEPPER)).not.toBe(first);
	});

	it("works without a pepper and treats malformed hashes as a mismatch", async () => {
		const hash = await hashPassword("sans poivre du tout", undefined);
		expect(await verifyPassword(hash, "sans poivre du tout", undefined)).toBe(true);
		expect(await verifyPassword("not-a-hash", "sans poivre du tout", undefined)).toBe(false);
		expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "x", undefined)).toBe(false);
	});

	it("asks for a rehash when the parameters were weaker", () => {
		expect(passwordNeedsRehash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")).toBe(false);
		expect(passwordNeedsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA")).toBe(true);
	});
});
