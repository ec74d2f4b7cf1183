// A Worker that exposes the password module, for the tests and the benchmark that run it inside
// workerd. It is bundled by wrangler like the deployed Worker, so the WebAssembly import goes
// through the same resolution ("workerd" condition) and the same CompiledWasm rule.
//   POST /hash    { password, pepper, salt? (hex) }  → { hash }
//   POST /verify  { hash, password, pepper, times? } → { matches } (verifies `times` times)
//   POST /pbkdf2  { password, times? }               → { bytes } (PBKDF2-SHA256, 100 000 iterations)
//   POST /noop    {}                                 → {} (the baseline of a round trip)
// An exception is answered 500 with its name and message, so a test sees what failed.
import { hashPassword, verifyPassword } from "../../core/password.ts";
import { pbkdf2Baseline } from "./pbkdf2-baseline.ts";

interface Body {
	readonly password?: string;
	readonly pepper?: string | null;
	readonly salt?: string;
	readonly hash?: string;
	readonly times?: number;
}

function fromHex(hex: string): Uint8Array {
	return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

async function answer(path: string, body: Body): Promise<unknown> {
	const password = body.password ?? "";
	const pepper = body.pepper ?? null;
	switch (path) {
		case "/hash": {
			const salt = body.salt;
			const options = salt ? { randomBytes: () => fromHex(salt) } : {};
			return { hash: await hashPassword(password, pepper, options) };
		}
		case "/verify": {
			let matches = false;
			for (let i = 0; i < (body.times ?? 1); i++)
				matches = await verifyPassword(body.hash ?? "", password, pepper);
			return { matches };
		}
		case "/pbkdf2": {
			let bytes = 0;
			for (let i = 0; i < (body.times ?? 1); i++) bytes = (await pbkdf2Baseline(password)).byteLength;
			return { bytes };
		}
		case "/noop":
			return {};
		default:
			throw new Error(`unknown path ${path}`);
	}
}

export default {
	async fetch(request: Request): Promise<Response> {
		try {
			const body = (await request.json()) as Body;
			return Response.json(await answer(new URL(request.url).pathname, body));
		} catch (error) {
			const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
			return Response.json({ error: failure }, { status: 500 });
		}
	},
};
