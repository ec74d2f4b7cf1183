// The production adapter: sends through Resend with the official SDK. The API base URL is passed
// to the SDK's constructor (its `baseUrl` option), so the `RESEND_BASE_URL` environment variable
// that the SDK would otherwise read is never consulted and process.env is never touched. Every
// message carries an idempotency key: Resend answers a repeated key with the first answer instead
// of sending again (for 24 hours), which makes a retried job safe. The batch endpoint keeps one
// key per request (not per e-mail): the caller gives a key that stands for the batch's exact mails
// (worker/mail/batch-delivery.ts). A 429 or a 503 may say how long to wait (`Retry-After`).
import { Resend } from "resend";
import type { BatchResult, Mailer, OutgoingMail, SendFailure, SendResult } from "./mailer.ts";

export const RESEND_DEFAULT_BASE_URL = "https://api.resend.com";
const DEFAULT_TIMEOUT_MS = 15_000;
/** Resend refuses keys outside 1–256 characters (400 invalid_idempotency_key). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

export interface ResendMailerOptions {
	readonly apiKey: string;
	/** Defaults to Resend's public API; a local stand-in in tests. */
	readonly baseUrl?: string | undefined;
	/** "Name <address>", from `config.mail.from`. */
	readonly from: string;
	readonly replyTo?: string | undefined;
	/** A send that takes longer is abandoned and reported as retryable. */
	readonly timeoutMs?: number;
}

interface ProviderError {
	readonly statusCode?: number | null;
	readonly name?: unknown;
}

/** Error names Resend documents as final: sending the same request again cannot succeed. */
const PERMANENT_ERROR_NAMES = new Set([
	"validation_error",
	"missing_required_field",
	"invalid_idempotency_key",
	"invalid_idempotent_request",
	"missing_api_key",
	"invalid_api_key",
	"restricted_api_key",
	"invalid_from_address",
	"invalid_attachment",
	"invalid_parameter",
	"invalid_region",
	"invalid_access",
	"not_found",
	"method_not_allowed",
	"security_error",
]);

export function createResendMailer(options: ResendMailerOptions): Mailer {
	if (options.apiKey.trim() === "") throw new Error("createResendMailer: an API key is required");
	const client = new Resend(options.apiKey, { baseUrl: normaliseBaseUrl(options.baseUrl) });
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

	function payload(mail: OutgoingMail) {
		return {
			from: options.from,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			...(options.replyTo ? { replyTo: options.replyTo } : {}),
			// RFC 3834: tells mail servers not to answer with out-of-office replies.
			headers: { "Auto-Submitted": "auto-generated" },
			tags: [{ name: "template", value: mail.template }],
		};
	}

	async function send(mail: OutgoingMail): Promise<SendResult> {
		const refused = checkKey(mail.idempotencyKey);
		if (refused) return refused;
		try {
			const { data, error, headers } = await client.emails.send(payload(mail), {
				idempotencyKey: mail.idempotencyKey,
				signal: AbortSignal.timeout(timeoutMs),
			});
			if (error) return classifyProviderError(error, headers);
			// A 2xx without an id is odd; retrying with the same key returns the first answer.
			if (!data?.id) return { ok: false, retryable: true, error: "resend: answer without a message id" };
			return { ok: true, providerMessageId: data.id };
		} catch (thrown) {
			return thrownFailure(thrown);
		}
	}

	async function sendBatch(mails: readonly OutgoingMail[], idempotencyKey: string): Promise<BatchResult> {
		const refused = checkKey(idempotencyKey);
		if (refused) return refused;
		try {
			// "strict" (the default, said here because it matters): one invalid e-mail refuses the
			// whole batch, so a batch is sent entirely or not at all.
			const { data, error, headers } = await client.batch.send(mails.map(payload), {
				idempotencyKey,
				batchValidation: "strict",
				signal: AbortSignal.timeout(timeoutMs),
			});
			if (error) return classifyProviderError(error, headers);
			const ids = data?.data?.map((entry) => entry.id) ?? [];
			if (ids.length !== mails.length || ids.some((id) => typeof id !== "string" || id === "")) {
				return { ok: false, retryable: true, error: "resend: batch answer without one id per e-mail" };
			}
			return { ok: true, providerMessageIds: ids };
		} catch (thrown) {
			return thrownFailure(thrown);
		}
	}

	return { name: "resend", send, sendBatch };
}

function checkKey(key: string): SendFailure | null {
	if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
		return { ok: false, retryable: false, error: "idempotency key must have 1 to 256 characters" };
	}
	return null;
}

/** The SDK turns network errors into results; anything thrown is unexpected but transient. */
function thrownFailure(thrown: unknown): SendFailure {
	return {
		ok: false,
		retryable: true,
		error: `resend: ${thrown instanceof Error ? thrown.name : "unknown"} thrown`,
	};
}

/**
 * Network errors and timeouts (no status), 429 and 5xx can succeed later; so can a 409 telling
 * that the same key is still being processed. Any other 4xx is final. The message Resend sends
 * back is left out: it may repeat the recipient's address. A 429 is the provider pacing us, not a
 * failure of the mail; its `Retry-After` (and a 503's) says how long to wait.
 */
export function classifyProviderError(
	error: ProviderError,
	headers?: Readonly<Record<string, string>> | null,
	now: Date = new Date(),
): SendFailure {
	const status = typeof error.statusCode === "number" ? error.statusCode : null;
	const name =
		typeof error.name === "string" && /^[a-z_]{1,64}$/.test(error.name) ? error.name : "unknown_error";
	const rateLimited = status === 429 || (status === null && name === "rate_limit_exceeded");
	const retryAfterMs =
		rateLimited || status === 503 ? parseRetryAfter(headers?.["retry-after"], now) : undefined;
	return {
		ok: false,
		retryable: isRetryable(status, name),
		error: `resend ${status ?? "no-status"} ${name}`,
		...(rateLimited ? { rateLimited: true as const } : {}),
		...(retryAfterMs === undefined ? {} : { retryAfterMs }),
	};
}

/** `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000;
	const at = Date.parse(trimmed);
	if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return undefined;
	return Math.max(0, at - now.getTime());
}

function isRetryable(status: number | null, name: string): boolean {
	if (status === 409) return name === "concurrent_idempotent_requests";
	if (status === 429 || (status !== null && status >= 500)) return true;
	if (status !== null && status >= 400) return false;
	// No status (network error, timeout, or a body without one): judge by the name.
	return !PERMANENT_ERROR_NAMES.has(name);
}

/** The SDK appends paths such as "/emails" to the base URL as is: drop a trailing slash. */
function normaliseBaseUrl(baseUrl: string | undefined): string {
	const url = new URL(baseUrl ?? RESEND_DEFAULT_BASE_URL);
	if (url.protocol !== "https:" && url.protocol !== "http:") {
		throw new Error("createResendMailer: the base URL must be http(s)");
	}
	return url.href.replace(/\/+$/, "");
}
