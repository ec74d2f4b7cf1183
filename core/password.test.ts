import { describe, expect, it } from "vitest";
import { Argon2Error, withArgon2id } from "./argon2.ts";
import {
	HASH_WASM,
	hashWasmSalt,
	KNOWN_PEPPER,
	REFERENCE_VECTORS,
	UNCOMPUTABLE_HASH,
} from "./password.known-answers.ts";
import { hashPassword, PASSWORD_HASH_PARAMETERS, passwordNeedsRehash, verifyPassword } from "./password.ts";

// Several Argon2id computations per test: room for a loaded 2-core machine, still bounded.
const SLOW_MACHINE_MS = 15_000;

const PEPPER = KNOWN_PEPPER;

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

describe("known answers", { timeout: SLOW_MACHINE_MS }, () => {
	it("verifies hashes made by hash-wasm, with and without the pepper, and makes the same ones", async () => {
		const { password, peppered, unpeppered } = HASH_WASM;
		expect(await verifyPassword(peppered, password, KNOWN_PEPPER)).toBe(true);
		expect(await verifyPassword(peppered, password, null)).toBe(false);
		expect(await verifyPassword(unpeppered, password, null)).toBe(true);
		expect(await verifyPassword(unpeppered, `${password} `, null)).toBe(false);
		expect(await hashPassword(password, KNOWN_PEPPER, { randomBytes: hashWasmSalt })).toBe(peppered);
		expect(await hashPassword(password, null, { randomBytes: hashWasmSalt })).toBe(unpeppered);
	});

	it("reproduces and verifies the reference implementation's Argon2id vectors", async () => {
		const encoder = new TextEncoder();
		for (const { m, t, p, phc } of REFERENCE_VECTORS) {
			const made = await withArgon2id((argon2) =>
				argon2.hash(encoder.encode("password"), encoder.encode("somesalt"), {
					memorySize: m,
					iterations: t,
					parallelism: p,
					hashLength: 32,
				}),
			);
			expect(made).toBe(phc);
			expect(await verifyPassword(phc, "password", null)).toBe(true);
			expect(await verifyPassword(phc, "passwore", null)).toBe(false);
		}
	});
});

describe("failures", () => {
	const VALID = REFERENCE_VECTORS[2].phc;

	it("treats every malformed stored hash as a mismatch", async () => {
		const malformed = [
			"",
			VALID.replace("$argon2id$", "$argon2i$"),
			VALID.replace("m=256", "m=1"), // memory below the minimum
			VALID.replace("t=2", "t=0"), // no pass
			VALID.replace("p=1", "p=0"), // no lane
			VALID.replace("m=256", "m=99999999999"), // out of range
			VALID.replace("v=19", "v=12"), // unknown version
			VALID.replace("c29tZXNhbHQ", "c29t"), // salt too short
			VALID.replace(/\$[^$]+$/, "$nf65E"), // impossible base64 length
			`${VALID}$extra`,
			`${VALID}\n`,
		];
		for (const hash of malformed) expect(await verifyPassword(hash, "password", null), hash).toBe(false);
		expect(await verifyPassword(VALID, "password", null)).toBe(true);
	});

	it("throws, rather than answering « wrong password », when the hash cannot be computed", async () => {
		await expect(verifyPassword(UNCOMPUTABLE_HASH, "password", null)).rejects.toThrow(Argon2Error);
		await expect(verifyPassword(UNCOMPUTABLE_HASH, "password", null)).rejects.toThrow(
			/Memory allocation error/,
		);
		// The instance is still sound afterwards.
		expect(await verifyPassword(VALID, "password", null)).toBe(true);
	});
});
