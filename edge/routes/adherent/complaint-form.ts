// Reads the complaint form: multipart (with an optional attachment) or urlencoded, the size
// limit enforced before the body is read whole, the attachment's type taken from its bytes, and
// the attachment stored through the document storage (never under the static root).

import type { Context } from "hono";
import { z } from "zod";
import {
	COMPLAINT_CATEGORIES,
	COMPLAINT_MAX_LENGTH,
	type ComplaintCategory,
} from "../../../core/adherent/complaints.ts";
import { type DocumentType, MAX_DOCUMENT_BYTES, sniffDocumentType } from "../../../core/file-type.ts";
import type { AppEnv } from "../../env.ts";
import { ATTACHMENT_TOO_LARGE, readAttachmentForm } from "../../lib/attachment-form.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { KEPT_FIELD, keptDocument, storeMemberDocument, valuesKeeping } from "./kept-document.ts";

const fieldsSchema = z.strictObject({
	categorie: z.enum(Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]], {
		error: "Choisissez le sujet de votre réclamation.",
	}),
	texte: z
		.string({ error: "Décrivez votre réclamation." })
		.trim()
		.min(10, "Décrivez votre réclamation en quelques mots au moins (10 caractères).")
		.max(
			COMPLAINT_MAX_LENGTH,
			`Votre réclamation dépasse ${COMPLAINT_MAX_LENGTH} caractères : raccourcissez-la.`,
		),
});

export type ComplaintForm =
	| {
			readonly ok: true;
			readonly data: {
				category: ComplaintCategory;
				text: string;
				attachmentKey: string | null;
				attachmentId: number | null;
			};
	  }
	| {
			readonly ok: false;
			readonly status: 400 | 413;
			readonly errors: FieldErrors;
			readonly values: Readonly<Record<string, string>>;
	  };

export async function readComplaintForm(c: Context<AppEnv>): Promise<ComplaintForm> {
	const read = await readAttachmentForm(c.req.raw, ["categorie", "texte", "piece", KEPT_FIELD]);
	if (!read.ok) return read;
	const { values, file } = read;
	const parsed = fieldsSchema.safeParse({ categorie: values.categorie, texte: values.texte });
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	let bytes: Uint8Array | null = null;
	let type: DocumentType | null = null;
	if (file) {
		if (file.size > MAX_DOCUMENT_BYTES) errors.piece = ATTACHMENT_TOO_LARGE;
		else {
			bytes = new Uint8Array(await file.arrayBuffer());
			type = sniffDocumentType(bytes);
			if (!type) errors.piece = "La pièce jointe doit être un document PDF, JPEG ou PNG.";
		}
	}
	// A good attachment is stored even when the text has to be corrected, and the form comes back
	// saying so: a member on a slow connection does not send it twice (issue 11).
	const attachment =
		bytes && type && file && !errors.piece
			? await storeMemberDocument(c, file, bytes, type, "piece-jointe")
			: file
				? null
				: await keptDocument(c, values[KEPT_FIELD]);
	if (!parsed.success || Object.keys(errors).length > 0)
		return { ok: false, status: 400, errors, values: valuesKeeping(values, attachment) };
	return {
		ok: true,
		data: {
			category: parsed.data.categorie,
			text: parsed.data.texte,
			attachmentKey: attachment?.storageKey ?? null,
			attachmentId: attachment?.id ?? null,
		},
	};
}
