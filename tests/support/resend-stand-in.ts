// A local HTTP server standing in for Resend's API on 127.0.0.1 (nothing leaves the machine):
// it accepts POST /emails, honours Idempotency-Key as Resend does (a repeated key returns the
// first answer and sends nothing new) and can be told to fail.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandIn {
	readonly baseUrl: string;
	/** Every POST received, in order, by idempotency key. */
	readonly posts: string[];
	/** E-mails actually "sent": one per distinct idempotency key accepted. */
	readonly sent: Map<string, { id: string; to: string; subject: string; text: string }>;
	/** While > 0, each request is answered 500 and decrements it. `Infinity`: fail until reset. */
	failuresLeft: number;
	close(): Promise<void>;
}

export async function startResendStandIn(): Promise<StandIn> {
	let server: Server | undefined;
	const standIn: StandIn = {
		baseUrl: "",
		posts: [],
		sent: new Map(),
		failuresLeft: 0,
		close: () =>
			new Promise((resolve) => {
				server?.closeAllConnections();
				server?.close(() => resolve());
			}),
	};
	server = createServer((req, res) => {
		let raw = "";
		req.setEncoding("utf8");
		req.on("data", (chunk: string) => {
			raw += chunk;
		});
		req.on("end", () => {
			const key = String(req.headers["idempotency-key"] ?? "");
			standIn.posts.push(key);
			const reply = (status: number, body: unknown) => {
				res.writeHead(status, { "content-type": "application/json" });
				res.end(JSON.stringify(body));
			};
			if (standIn.failuresLeft > 0) {
				standIn.failuresLeft--;
				return reply(500, { statusCode: 500, name: "internal_server_error", message: "stand-in failure" });
			}
			const existing = standIn.sent.get(key);
			if (existing) return reply(200, { id: existing.id });
			const body = JSON.parse(raw || "{}") as { to?: string | string[]; subject?: string; text?: string };
			const id = `stand-in-${standIn.sent.size + 1}`;
			// The text is kept as the recipient reads it: the outbox drops it once sent.
			standIn.sent.set(key, {
				id,
				to: String(body.to),
				subject: String(body.subject),
				text: String(body.text),
			});
			return reply(200, { id });
		});
	});
	await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return Object.assign(standIn, { baseUrl: `http://127.0.0.1:${port}` });
}
