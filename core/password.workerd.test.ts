// The password module inside workerd, bundled by wrangler as the deployed Worker is: Cloudflare
// forbids compiling WebAssembly at run time (issue 9), so this is where hashing must be proven,
// and hashes must cross between the hosts both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PasswordWorker, startPasswordWorker } from "../tests/support/password-worker-harness.ts";
import { HASH_WASM, KNOWN_PEPPER, REFERENCE_VECTORS, UNCOMPUTABLE_HASH } from "./password.known-answers.ts";
import { hashPassword, verifyPassword } from "./password.ts";

// Several Argon2id computations per test: room for a loaded 2-core machine, still bounded.
const SLOW_MACHINE_MS = 15_000;

let worker: PasswordWorker;

beforeAll(async () => {
	worker = await startPasswordWorker();
}, 30_000);

afterAll(() => worker?.close());

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

describe("passwords in workerd", { timeout: SLOW_MACHINE_MS }, () => {
	it("hashes a password that Node verifies, and verifies it itself", async () => {
		const password = "une phrase de passe née dans workerd";
		const made = await worker.post("/hash", { password, pepper: KNOWN_PEPPER });
		expect(made).toMatchObject({
			status: 200,
			body: { hash: expect.stringMatching(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/) },
		});
		const hash = String(made.body.hash);
		expect(await verifyPassword(hash, password, KNOWN_PEPPER)).toBe(true);
		expect(await worker.post("/verify", { hash, password, pepper: KNOWN_PEPPER })).toEqual({
			status: 200,
			body: { matches: true },
		});
	});

	it("verifies a hash made on Node, and refuses a wrong password or pepper", async () => {
		const password = "une autre phrase, hachée par Node";
		const hash = await hashPassword(password, KNOWN_PEPPER);
		const verify = async (candidate: string, pepper: string | null) =>
			(await worker.post("/verify", { hash, password: candidate, pepper })).body;
		expect(await verify(password, KNOWN_PEPPER)).toEqual({ matches: true });
		expect(await verify(`${password}.`, KNOWN_PEPPER)).toEqual({ matches: false });
		expect(await verify(password, null)).toEqual({ matches: false });
	});

	it("gives the same hash as Node for the same salt, and verifies hash-wasm's and the reference vectors", async () => {
		const salt = new Uint8Array(16).fill(7);
		const password = "même sel, même empreinte";
		const onNode = await hashPassword(password, KNOWN_PEPPER, { randomBytes: () => salt });
		expect((await worker.post("/hash", { password, pepper: KNOWN_PEPPER, salt: hex(salt) })).body).toEqual({
			hash: onNode,
		});
		const { password: old, peppered, unpeppered } = HASH_WASM;
		expect(
			(await worker.post("/verify", { hash: peppered, password: old, pepper: KNOWN_PEPPER })).body,
		).toEqual({
			matches: true,
		});
		expect((await worker.post("/verify", { hash: unpeppered, password: old, pepper: null })).body).toEqual({
			matches: true,
		});
		const small = REFERENCE_VECTORS.filter((vector) => vector.m === 256);
		for (const { phc } of small) {
			expect((await worker.post("/verify", { hash: phc, password: "password", pepper: null })).body).toEqual({
				matches: true,
			});
		}
	});

	it("treats a malformed hash as a mismatch and lets an internal failure through as an error", async () => {
		expect((await worker.post("/verify", { hash: "$argon2id$v=19$broken", password: "x" })).body).toEqual({
			matches: false,
		});
		const failed = await worker.post("/verify", { hash: UNCOMPUTABLE_HASH, password: "password" });
		expect(failed.status).toBe(500);
		expect(String(failed.body.error)).toMatch(/^Argon2Error: .*Memory allocation error/);
	});
});
