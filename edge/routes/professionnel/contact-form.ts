// Reads the practice's « Contact » form: multipart (with an optional attachment) or urlencoded,
// the size limit enforced before the body is read whole, the attachment's type taken from its
// bytes (core/file-type.ts), and the attachment stored through the document storage only once
// the whole form is valid, so a refused form leaves nothing behind.
import type { Context } from "hono";
import { z } from "zod";
import { recordUploadedDocument, storeUploadedDocument } from "../../../core/documents.ts";
import { MAX_DOCUMENT_BYTES, sniffDocumentType } from "../../../core/file-type.ts";
import {
	PRACTICE_MESSAGE_MAX_LENGTH,
	PRACTICE_MESSAGE_SUBJECTS,
} from "../../../core/professionnel/contact.ts";
import type { PracticeMessageSubject } from "../../../schema/tables/index.ts";
import { ATTACHMENT_TOO_LARGE, readAttachmentForm } from "../../lib/attachment-form.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import type { FieldErrors } from "../../views/form.tsx";

const TOO_LARGE = ATTACHMENT_TOO_LARGE;

const fieldsSchema = z.strictObject({
	sujet: z.enum(
		Object.keys(PRACTICE_MESSAGE_SUBJECTS) as [PracticeMessageSubject, ...PracticeMessageSubject[]],
		{
			error: "Choisissez le sujet de votre message.",
		},
	),
	message: z
		.string({ error: "Écrivez votre message." })
		.trim()
		.min(10, "Écrivez votre message en quelques mots au moins (10 caractères).")
		.max(
			PRACTICE_MESSAGE_MAX_LENGTH,
			`Votre message dépasse ${PRACTICE_MESSAGE_MAX_LENGTH} caractères : raccourcissez-le.`,
		),
});

export type ContactForm =
	| {
			readonly ok: true;
			readonly data: { subject: PracticeMessageSubject; text: string; attachmentId: number | null };
	  }
	| {
			readonly ok: false;
			readonly status: 400 | 413;
			readonly errors: FieldErrors;
			readonly values: Readonly<Record<string, string>>;
	  };

export async function readContactForm(c: Context<PracticeEnv>): Promise<ContactForm> {
	const read = await readAttachmentForm(c.req.raw, ["sujet", "message", "piece"]);
	if (!read.ok) return read;
	const { values, file } = read;
	const parsed = fieldsSchema.safeParse({ sujet: values.sujet, message: values.message });
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	let bytes: Uint8Array | null = null;
	if (file) {
		if (file.size > MAX_DOCUMENT_BYTES) errors.piece = TOO_LARGE;
		else {
			bytes = new Uint8Array(await file.arrayBuffer());
			if (!sniffDocumentType(bytes)) errors.piece = "La pièce jointe doit être un document PDF, JPEG ou PNG.";
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, status: 400, errors, values };
	let attachmentId: number | null = null;
	const type = bytes ? sniffDocumentType(bytes) : null;
	if (file && bytes && type) {
		const deps = c.get("deps");
		const now = deps.clock();
		const stored = await storeUploadedDocument(
			deps,
			{ bytes, contentType: type, fileName: file.name },
			now,
			"piece-jointe",
		);
		attachmentId = await recordUploadedDocument(
			deps.db,
			practiceScope(c).accountId,
			stored.record,
			now,
		).catch(async (error: unknown) => {
			await stored.discard();
			throw error;
		});
	}
	return { ok: true, data: { subject: parsed.data.sujet, text: parsed.data.message, attachmentId } };
}
