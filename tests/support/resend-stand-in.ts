// A local HTTP server standing in for Resend's API on 127.0.0.1 (nothing leaves the machine). It
// accepts POST /emails and POST /emails/batch (up to 100 e-mails a call) and honours
// Idempotency-Key as Resend documents it: one key per request, kept with the request's payload;
// the same key with the same payload gets the first answer back and sends nothing new, with
// another payload a 409 invalid_idempotent_request. It can enforce a rate (requests in any
// rolling second, answered 429 with Retry-After beyond it, as Resend's team limit is) and be told
// to fail: HTTP 500 with Resend's JSON error, 503 with an HTML page, or no answer at all.
import { createHash } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StandInFailure = "500" | "503-html" | "hang";

export interface StandInOptions {
	/** Requests accepted in any rolling second; more get 429 with `retry-after`. Unlimited by default. */
	readonly ratePerSecond?: number;
}

interface SentMail {
	readonly id: string;
	readonly to: string;
	readonly subject: string;
	/** The text as the recipient reads it: the outbox drops it once sent. */
	readonly text: string;
}

export interface StandIn {
	readonly baseUrl: string;
	/** Every e-mail received, one entry per e-mail of a batch, in order, by recipient address. */
	readonly posts: string[];
	/**
	 * E-mails actually "sent": one per distinct idempotency key accepted (`<key>#<index>` for the
	 * e-mails of a batch). A mail sent twice under two keys shows up twice here.
	 */
	readonly sent: Map<string, SentMail>;
	/** How many answers of each HTTP status were given (0 for a request left hanging). */
	readonly statuses: Map<number, number>;
	/** While > 0, each request fails (see `failure`) and decrements it. `Infinity`: fail until reset. */
	failuresLeft: number;
	/** How the failing requests fail; 500 by default. */
	failure: StandInFailure;
	close(): Promise<void>;
}

interface Remembered {
	readonly fingerprint: string;
	readonly status: number;
	readonly body: unknown;
}

type EmailBody = { to?: string | string[]; subject?: string; text?: string };

export async function startResendStandIn(options: StandInOptions = {}): Promise<StandIn> {
	let server: Server | undefined;
	const keys = new Map<string, Remembered>();
	/** Arrival times of the requests counted against the rate, oldest first. */
	const window: number[] = [];
	let unkeyed = 0;
	const standIn: StandIn = {
		baseUrl: "",
		posts: [],
		sent: new Map(),
		statuses: new Map(),
		failuresLeft: 0,
		failure: "500",
		close: () =>
			new Promise((resolve) => {
				server?.closeAllConnections();
				server?.close(() => resolve());
			}),
	};

	const reply = (
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
	) => {
		standIn.statuses.set(status, (standIn.statuses.get(status) ?? 0) + 1);
		res.writeHead(status, { "content-type": "application/json", ...headers });
		res.end(JSON.stringify(body));
	};
	const error = (res: ServerResponse, status: number, name: string, headers?: Record<string, string>) =>
		reply(res, status, { statusCode: status, name, message: `stand-in: ${name}` }, headers);

	/** Whether the request fits in the rate; if not, the seconds to wait, as Resend's retry-after says. */
	function admit(now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
		const rate = options.ratePerSecond;
		if (rate === undefined) return { ok: true };
		while (window.length > 0 && (window[0] ?? 0) <= now - 1000) window.shift();
		if (window.length < rate) {
			window.push(now);
			return { ok: true };
		}
		return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((window[0] ?? now) + 1000 - now) / 1000)) };
	}

	function accept(key: string, emails: EmailBody[], batch: boolean): unknown {
		const ids = emails.map((email, index) => {
			standIn.posts.push(String(email.to));
			const id = `stand-in-${standIn.sent.size + 1}`;
			standIn.sent.set(batch ? `${key}#${index}` : key, {
				id,
				to: String(email.to),
				subject: String(email.subject),
				text: String(email.text),
			});
			return { id };
		});
		return batch ? { data: ids } : ids[0];
	}

	server = createServer((req, res) => {
		// A request counts against the rate when it arrives, not once its body is uploaded (a
		// batch of 100 e-mails is a few hundred kilobytes).
		const arrivedAt = Date.now();
		let raw = "";
		req.setEncoding("utf8");
		req.on("data", (chunk: string) => {
			raw += chunk;
		});
		req.on("end", () => {
			if (standIn.failuresLeft > 0) {
				standIn.failuresLeft--;
				if (standIn.failure === "hang") {
					standIn.statuses.set(0, (standIn.statuses.get(0) ?? 0) + 1);
					return; // never answers: the client's timeout decides
				}
				if (standIn.failure === "503-html") {
					standIn.statuses.set(503, (standIn.statuses.get(503) ?? 0) + 1);
					res.writeHead(503, { "content-type": "text/html" });
					return res.end("<html><body><h1>503 Service Unavailable</h1></body></html>");
				}
				return error(res, 500, "internal_server_error");
			}
			const admitted = admit(arrivedAt);
			if (!admitted.ok) {
				return error(res, 429, "rate_limit_exceeded", {
					"retry-after": String(admitted.retryAfterSeconds),
					"ratelimit-limit": String(options.ratePerSecond),
					"ratelimit-remaining": "0",
				});
			}
			const batch = req.url === "/emails/batch";
			if (req.method !== "POST" || (req.url !== "/emails" && !batch)) return error(res, 404, "not_found");
			const parsed = JSON.parse(raw || "{}") as EmailBody | EmailBody[];
			const emails = Array.isArray(parsed) ? parsed : [parsed];
			if (batch !== Array.isArray(parsed) || emails.length === 0 || emails.length > 100) {
				return error(res, 422, "validation_error");
			}
			const key = req.headers["idempotency-key"]
				? String(req.headers["idempotency-key"])
				: `unkeyed-${++unkeyed}`;
			const fingerprint = createHash("sha256").update(`${req.url} ${raw}`).digest("hex");
			const remembered = keys.get(key);
			if (remembered) {
				if (remembered.fingerprint !== fingerprint) return error(res, 409, "invalid_idempotent_request");
				return reply(res, remembered.status, remembered.body);
			}
			const body = accept(key, emails, batch);
			keys.set(key, { fingerprint, status: 200, body });
			return reply(res, 200, body);
		});
	});
	await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return Object.assign(standIn, { baseUrl: `http://127.0.0.1:${port}` });
}
