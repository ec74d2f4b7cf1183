// The Resend adapter against a local HTTP server standing in for Resend's API on 127.0.0.1:
// nothing here leaves the machine.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutgoingMail } from "./mailer.ts";
import { classifyProviderError, createResendMailer, parseRetryAfter } from "./resend-mailer.ts";

interface RecordedRequest {
	readonly method: string | undefined;
	readonly url: string | undefined;
	readonly headers: IncomingHttpHeaders;
	readonly body: Record<string, unknown>;
}

interface Reply {
	readonly status: number;
	readonly body: unknown;
	readonly headers?: Record<string, string>;
}

interface FakeResend {
	readonly baseUrl: string;
	readonly requests: RecordedRequest[];
	close(): Promise<void>;
}

const servers: Server[] = [];

afterEach(async () => {
	vi.unstubAllEnvs();
	await Promise.all(servers.splice(0).map(closeServer));
});

function closeServer(server: Server): Promise<void> {
	return new Promise((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});
}

async function startFakeResend(reply: (request: RecordedRequest) => Reply | null): Promise<FakeResend> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		let raw = "";
		req.setEncoding("utf8");
		req.on("data", (chunk: string) => {
			raw += chunk;
		});
		req.on("end", () => {
			const recorded = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: JSON.parse(raw || "{}"),
			};
			requests.push(recorded);
			const answer = reply(recorded);
			if (answer === null) return; // never answers: a hanging provider
			res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
			res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
		});
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return { baseUrl: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

function resendError(statusCode: number, name: string, message: string): Reply {
	return { status: statusCode, body: { statusCode, name, message } };
}

const mail: OutgoingMail = {
	to: "adherent@example.test",
	subject: "Votre code de connexion",
	text: "Bonjour,\n\nVotre code : 482913",
	html: '<!DOCTYPE html><html lang="fr"><body><p>Votre code : 482913</p></body></html>',
	template: "sign-in-code",
	idempotencyKey: "sign-in-code/42",
};

function mailerFor(baseUrl: string, timeoutMs?: number) {
	return createResendMailer({
		apiKey: "re_test_key",
		baseUrl,
		from: "Espace Harmonie Mutuelle <ne-pas-repondre@espace.example.test>",
		replyTo: "contact@espace.example.test",
		...(timeoutMs === undefined ? {} : { timeoutMs }),
	});
}

describe("createResendMailer", () => {
	it("returns the provider's message id when Resend accepts the mail", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { id: "msg_0001" } }));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toEqual({ ok: true, providerMessageId: "msg_0001" });
	});

	it("sends the idempotency key, sender, reply-to, subject, text and HTML to the API", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { id: "msg_0002" } }));
		await mailerFor(`${fake.baseUrl}/`).send(mail);
		expect(fake.requests).toHaveLength(1);
		const [request] = fake.requests;
		expect(request?.method).toBe("POST");
		expect(request?.url).toBe("/emails");
		expect(request?.headers["idempotency-key"]).toBe("sign-in-code/42");
		expect(request?.headers.authorization).toBe("Bearer re_test_key");
		expect(request?.body).toMatchObject({
			from: "Espace Harmonie Mutuelle <ne-pas-repondre@espace.example.test>",
			reply_to: "contact@espace.example.test",
			to: "adherent@example.test",
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			headers: { "Auto-Submitted": "auto-generated" },
			tags: [{ name: "template", value: "sign-in-code" }],
		});
	});

	it("sends one mail only when a job retries with the same key", async () => {
		// Like Resend: a key already seen gets the first answer back, nothing is sent again.
		const sent = new Map<string, string>();
		const fake = await startFakeResend((request) => {
			const key = String(request.headers["idempotency-key"]);
			if (!sent.has(key)) sent.set(key, `msg_${sent.size + 1}`);
			return { status: 200, body: { id: sent.get(key) } };
		});
		const mailer = mailerFor(fake.baseUrl);
		const first = await mailer.send(mail);
		const retry = await mailer.send(mail);
		expect(retry).toEqual(first);
		expect(sent.size).toBe(1);
		expect(new Set(fake.requests.map((request) => request.headers["idempotency-key"]))).toEqual(
			new Set(["sign-in-code/42"]),
		);
	});

	it("uses the configured base URL even when RESEND_BASE_URL says otherwise", async () => {
		vi.stubEnv("RESEND_BASE_URL", "http://127.0.0.1:9/never-used");
		const fake = await startFakeResend(() => ({ status: 200, body: { id: "msg_0003" } }));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result.ok).toBe(true);
		expect(fake.requests).toHaveLength(1);
	});

	it("reports a 500 as retryable", async () => {
		const fake = await startFakeResend(() =>
			resendError(500, "internal_server_error", "Internal server error"),
		);
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toEqual({ ok: false, retryable: true, error: "resend 500 internal_server_error" });
	});

	it("reports a 503 without a JSON body as retryable", async () => {
		const fake = await startFakeResend(() => ({ status: 503, body: "<html>Service Unavailable</html>" }));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: true });
	});

	it("reports a 429 as retryable", async () => {
		const fake = await startFakeResend(() => resendError(429, "rate_limit_exceeded", "Too many requests"));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: true });
	});

	it("reports a 429 as rate limited with the wait its Retry-After asks for", async () => {
		const fake = await startFakeResend(() => ({
			...resendError(429, "rate_limit_exceeded", "Too many requests"),
			headers: { "retry-after": "3" },
		}));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toEqual({
			ok: false,
			retryable: true,
			rateLimited: true,
			retryAfterMs: 3000,
			error: "resend 429 rate_limit_exceeded",
		});
	});

	it("reads the Retry-After of a 503 with an HTML body, and does not call it a rate limit", async () => {
		const fake = await startFakeResend(() => ({
			status: 503,
			body: "<html>Service Unavailable</html>",
			headers: { "retry-after": "20" },
		}));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 20_000 });
		expect(result).not.toHaveProperty("rateLimited");
	});

	it("reports a 422 as permanent, without repeating the provider's message", async () => {
		const fake = await startFakeResend(() =>
			resendError(422, "validation_error", "Invalid `to` field: adherent@example.test"),
		);
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toEqual({ ok: false, retryable: false, error: "resend 422 validation_error" });
		expect(JSON.stringify(result)).not.toContain("adherent@example.test");
	});

	it("reports a rejected API key as permanent", async () => {
		const fake = await startFakeResend(() => resendError(403, "invalid_api_key", "API key is invalid"));
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: false });
	});

	it("reports a refused connection as retryable", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { id: "unused" } }));
		await fake.close();
		const result = await mailerFor(fake.baseUrl).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: true });
		expect(fake.requests).toHaveLength(0);
	});

	it("reports a provider that does not answer in time as retryable", async () => {
		const fake = await startFakeResend(() => null);
		const result = await mailerFor(fake.baseUrl, 200).send(mail);
		expect(result).toMatchObject({ ok: false, retryable: true });
	});

	it("refuses an idempotency key Resend would reject, without calling the API", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { id: "unused" } }));
		const mailer = mailerFor(fake.baseUrl);
		expect(await mailer.send({ ...mail, idempotencyKey: "" })).toMatchObject({ ok: false, retryable: false });
		expect(await mailer.send({ ...mail, idempotencyKey: "k".repeat(257) })).toMatchObject({
			ok: false,
			retryable: false,
		});
		expect(fake.requests).toHaveLength(0);
	});

	it("refuses to start without an API key", () => {
		expect(() => createResendMailer({ apiKey: "", from: "a <a@example.test>" })).toThrow(/API key/);
	});
});

describe("sendBatch", () => {
	const second: OutgoingMail = { ...mail, to: "adherent2@example.test", idempotencyKey: "sign-in-code/43" };

	it("posts the mails to the batch endpoint under one key, strictly validated, and returns one id per mail", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { data: [{ id: "m1" }, { id: "m2" }] } }));
		const mailer = mailerFor(fake.baseUrl);
		const result = await mailer.sendBatch?.([mail, second], "mail-batch/abc");
		expect(result).toEqual({ ok: true, providerMessageIds: ["m1", "m2"] });
		const [request] = fake.requests;
		expect(request?.url).toBe("/emails/batch");
		expect(request?.headers["idempotency-key"]).toBe("mail-batch/abc");
		expect(request?.headers["x-batch-validation"]).toBe("strict");
		expect(request?.body).toMatchObject([
			{
				to: "adherent@example.test",
				subject: mail.subject,
				tags: [{ name: "template", value: "sign-in-code" }],
			},
			{ to: "adherent2@example.test" },
		]);
	});

	it("refuses an answer that does not hold one id per mail", async () => {
		const fake = await startFakeResend(() => ({ status: 200, body: { data: [{ id: "m1" }] } }));
		const result = await mailerFor(fake.baseUrl).sendBatch?.([mail, second], "mail-batch/abc");
		expect(result).toMatchObject({ ok: false, retryable: true });
	});

	it("reports a rate-limited batch with its Retry-After", async () => {
		const fake = await startFakeResend(() => ({
			...resendError(429, "rate_limit_exceeded", "Too many requests"),
			headers: { "retry-after": "1" },
		}));
		const result = await mailerFor(fake.baseUrl).sendBatch?.([mail, second], "mail-batch/abc");
		expect(result).toMatchObject({ ok: false, rateLimited: true, retryAfterMs: 1000 });
	});
});

describe("parseRetryAfter", () => {
	const now = new Date("2026-12-01T10:00:00Z");
	it("reads seconds and HTTP dates, and ignores anything else", () => {
		expect(parseRetryAfter("2", now)).toBe(2000);
		expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
		expect(parseRetryAfter("Tue, 01 Dec 2026 09:00:00 GMT", now)).toBe(0);
		expect(parseRetryAfter("soon", now)).toBeUndefined();
		expect(parseRetryAfter("-3", now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
});

describe("classifyProviderError", () => {
	it("retries a request still in progress under the same key, not one with another payload", () => {
		expect(classifyProviderError({ statusCode: 409, name: "concurrent_idempotent_requests" })).toMatchObject({
			retryable: true,
		});
		expect(classifyProviderError({ statusCode: 409, name: "invalid_idempotent_request" })).toMatchObject({
			retryable: false,
		});
	});

	it("judges by the error name when the answer has no status", () => {
		expect(classifyProviderError({ statusCode: null, name: "application_error" })).toMatchObject({
			retryable: true,
		});
		expect(classifyProviderError({ name: "validation_error" })).toMatchObject({ retryable: false });
	});

	it("keeps only a well-formed error name in the reason", () => {
		const result = classifyProviderError({ statusCode: 400, name: "Bad <b>adherent@example.test</b>" });
		expect(result).toEqual({ ok: false, retryable: false, error: "resend 400 unknown_error" });
	});
});
