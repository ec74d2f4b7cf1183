// The job handlers, one per message type: the same functions run under the Node queue and the
// Cloudflare Queues consumer.
import type { Message, MessageType } from "../../schema/messages.ts";
import { alertAuditChainBroken } from "./audit-chain-broken.ts";
import type { HandlerContext } from "./context.ts";
import { buildDataExport } from "./data-export-requested.ts";
import { deliverMail } from "./deliver-mail.ts";
import { notifyStatementPublished } from "./statement-published.ts";

type Handlers = {
	[T in MessageType]: (
		payload: Extract<Message, { type: T }>["payload"],
		context: HandlerContext,
	) => Promise<void>;
};

export const handlers: Handlers = {
	"mail.queued": deliverMail,
	"statement.published": notifyStatementPublished,
	"audit.chain_broken": alertAuditChainBroken,
	"donnees.export_requested": buildDataExport,
};

export function handle(message: Message, context: HandlerContext): Promise<void> {
	const handler = handlers[message.type] as (payload: unknown, context: HandlerContext) => Promise<void>;
	return handler(message.payload, context);
}
