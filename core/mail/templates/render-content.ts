// Turns a template's content into the three parts of a mail.
import type { MailContent, MailContext, RenderedMail } from "./mail-content.ts";
import { frameOf } from "./mail-frame.ts";
import { renderHtml } from "./render-html.tsx";
import { renderText } from "./render-text.ts";

export function renderContent(content: MailContent, context: MailContext): RenderedMail {
	const frame = frameOf(content, context);
	return { subject: content.subject, text: renderText(content, frame), html: renderHtml(content, frame) };
}
