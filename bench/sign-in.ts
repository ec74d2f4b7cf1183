// Password hashing and sign-in throughput, measured against baselines in the same run:
// - Argon2id (19 MiB, t=2, p=1, WebAssembly, the production setting) per hash, against PBKDF2-
//   SHA256 at 100 000 iterations (WebCrypto), the most Cloudflare Workers allow;
// - sign-in requests per second one core sustains (POST /connexion with the right password,
//   through the whole edge app on a seeded database), against the bare Argon2id verify rate:
//   the difference is what the app adds around the hash. This sizes the rate limits.

import { hashPassword, verifyPassword } from "../core/password.ts";
import { DEMO_ACCOUNTS } from "../demo/accounts.ts";
import { seedDatabase } from "../demo/seed.ts";
import { createApp } from "../edge/app.tsx";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { createTestDeps } from "../tests/support/test-deps.ts";

const PEPPER = "bench-pepper-long-enough-for-the-config-check";

async function timePerOp(count: number, op: () => Promise<unknown>): Promise<number> {
	await op();
	const started = performance.now();
	for (let i = 0; i < count; i++) await op();
	return (performance.now() - started) / count;
}

async function pbkdf2(password: string): Promise<ArrayBuffer> {
	const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
		"deriveBits",
	]);
	return crypto.subtle.deriveBits(
		{
			name: "PBKDF2",
			hash: "SHA-256",
			salt: crypto.getRandomValues(new Uint8Array(16)),
			iterations: 100_000,
		},
		key,
		256,
	);
}

export interface SignInBenchResult {
	readonly argon2idMsPerHash: number;
	readonly pbkdf2MsPerHash: number;
	readonly argon2idToPbkdf2: number;
	readonly verifyPerSecond: number;
	readonly signInPerSecond: number;
	readonly signInToVerify: number;
}

export async function benchSignIn(count: number): Promise<SignInBenchResult> {
	const password = "une phrase de passe assez longue";
	const argon2idMsPerHash = await timePerOp(count, () => hashPassword(password, PEPPER));
	const pbkdf2MsPerHash = await timePerOp(count, () => pbkdf2(password));
	const hash = await hashPassword(password, PEPPER);
	const verifyMs = await timePerOp(count, () => verifyPassword(hash, password, PEPPER));

	const handle = await createTestDatabase();
	await seedDatabase(handle.db, { scale: 1, seed: 1, pepper: PEPPER, now: new Date("2026-11-20T08:00:00Z") });
	let now = new Date("2026-11-26T09:00:00Z").getTime();
	const app = createApp(
		createTestDeps(
			{ db: handle.db, clock: () => new Date(now), logger: { debug() {}, info() {}, warn() {}, error() {} } },
			{ SESSION_PEPPER: PEPPER },
		),
	);
	const { identifier, password: demoPassword } = DEMO_ACCOUNTS.adherent1;
	const body = new URLSearchParams({ identifiant: identifier, motDePasse: demoPassword }).toString();
	const signInMs = await timePerOp(count, async () => {
		// A quarter of an hour between sign-ins keeps the e-mailed codes under their rate limit.
		now += 16 * 60_000;
		const response = await app.request("/connexion", {
			method: "POST",
			headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
			body,
		});
		if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
	});
	handle.client.close();
	return {
		argon2idMsPerHash,
		pbkdf2MsPerHash,
		argon2idToPbkdf2: argon2idMsPerHash / pbkdf2MsPerHash,
		verifyPerSecond: 1000 / verifyMs,
		signInPerSecond: 1000 / signInMs,
		signInToVerify: verifyMs / signInMs,
	};
}
