// Queue messages: every background job is one of these, named with a dotted past-tense verb.
// The producer validates on `enqueue`, the consumer parses again (the queue is a boundary:
// a row edited by hand or a message from an older release must not crash the worker).
// Payloads hold identifiers only: no secrets, no full IBAN, no health details (SECURITY.md).
import { z } from "zod";

const id = z.number().int().positive();

export const messageSchemas = {
	/** An e-mail was rendered into the outbox (`outgoing_mails`); deliver it. */
	"mail.queued": z.strictObject({ mailId: id }),
	/** A monthly statement was published: its member is told by e-mail (never its content). */
	"statement.published": z.strictObject({ statementId: id }),
	/** The daily verification found the audit chain broken at `firstBrokenSeq` (and `brokenSeqs`). */
	"audit.chain_broken": z.strictObject({
		firstBrokenSeq: z.number().int().nonnegative(),
		/** Every broken link found (the first 1 000); older messages have none. */
		brokenSeqs: z.array(z.number().int().nonnegative()).max(1_000).optional(),
		brokenCount: z.number().int().nonnegative().optional(),
		checkedAt: z.iso.datetime(),
	}),
	/** A large « Mes données » export was asked for: the worker builds, stores and e-mails it (ADR 0038). */
	"donnees.export_requested": z.strictObject({ exportId: id }),
} as const;

export type MessageType = keyof typeof messageSchemas;
export type MessagePayload<T extends MessageType> = z.infer<(typeof messageSchemas)[T]>;
export type Message = {
	[T in MessageType]: { readonly type: T; readonly payload: MessagePayload<T> };
}[MessageType];

export function isMessageType(type: string): type is MessageType {
	return Object.hasOwn(messageSchemas, type);
}

export type ParsedMessage =
	| { readonly ok: true; readonly message: Message }
	| { readonly ok: false; readonly reason: string };

/** Parses a message from the queue; the reason of a refusal goes to the dead letters. */
export function parseMessage(type: string, payload: unknown): ParsedMessage {
	if (!isMessageType(type)) return { ok: false, reason: `unknown message type "${type.slice(0, 80)}"` };
	const parsed = messageSchemas[type].safeParse(payload);
	if (!parsed.success) {
		const issues = parsed.error.issues.map(
			(issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`,
		);
		return { ok: false, reason: `malformed ${type}: ${issues.join("; ").slice(0, 400)}` };
	}
	return { ok: true, message: { type, payload: parsed.data } as Message };
}
