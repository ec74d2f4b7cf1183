// Reads the complaint form: multipart (with an optional attachment) or urlencoded, the size
// limit enforced before the body is read whole, the attachment's type taken from its bytes, and
// the attachment stored through the document storage (never under the static root).

import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { z } from "zod";
import { parseRecordId } from "../../../schema/record-id.ts";
import { uploadedDocuments } from "../../../schema/tables/index.ts";
import type { AppEnv } from "../../app.tsx";
import {
	DOCUMENT_TYPES,
	FORM_OVERHEAD_BYTES,
	MAX_DOCUMENT_BYTES,
	readMultipartWithLimit,
	sniffDocumentType,
} from "../../lib/file-type.ts";
import { sha256Hex } from "../../lib/sha256.ts";
import { newDocumentKey, resolveDocumentStorage } from "../../lib/storage.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { COMPLAINT_CATEGORIES, COMPLAINT_MAX_LENGTH, type ComplaintCategory } from "./complaints.ts";
import { memberScope } from "./member.ts";

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
	const multipart = await readMultipartWithLimit(c.req.raw, MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES);
	if (!multipart.ok) {
		if (multipart.reason === "too_large") {
			return {
				ok: false,
				status: 413,
				errors: { piece: "La pièce jointe dépasse 5 Mo : envoyez un fichier plus léger." },
				values: {},
			};
		}
		return {
			ok: false,
			status: 400,
			errors: { _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." },
			values: {},
		};
	}
	const values: Record<string, string> = {};
	let file: File | null = null;
	for (const [key, value] of multipart.form.entries()) {
		if (typeof value === "string") values[key] = value;
		else if (key === "piece" && value.size > 0) file = value;
	}
	const unknown = [...multipart.form.keys()].some(
		(key) => !["categorie", "texte", "piece", KEPT_FIELD].includes(key),
	);
	if (unknown)
		return {
			ok: false,
			status: 400,
			errors: { _form: "Le formulaire contient des champs inattendus." },
			values,
		};
	const parsed = fieldsSchema.safeParse({ categorie: values.categorie, texte: values.texte });
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	let bytes: Uint8Array | null = null;
	let type: keyof typeof DOCUMENT_TYPES | null = null;
	if (file) {
		if (file.size > MAX_DOCUMENT_BYTES)
			errors.piece = "La pièce jointe dépasse 5 Mo : envoyez un fichier plus léger.";
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
			? await storeAttachment(c, file, bytes, type)
			: file
				? null
				: await keptAttachment(c, values[KEPT_FIELD]);
	if (!parsed.success || Object.keys(errors).length > 0) {
		const { [KEPT_FIELD]: _previous, ...typed } = values;
		return {
			ok: false,
			status: 400,
			errors,
			values: attachment
				? { ...typed, [KEPT_FIELD]: String(attachment.id), [KEPT_NAME]: attachment.fileName }
				: typed,
		};
	}
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

/** The hidden field naming an attachment received with an earlier, refused, submission. */
export const KEPT_FIELD = "pieceRecue";
/** Its file name, for the page only (never read back from the form). */
export const KEPT_NAME = "pieceRecueNom";

interface StoredAttachment {
	readonly id: number;
	readonly storageKey: string;
	readonly fileName: string;
}

async function storeAttachment(
	c: Context<AppEnv>,
	file: File,
	bytes: Uint8Array,
	type: keyof typeof DOCUMENT_TYPES,
): Promise<StoredAttachment | null> {
	const deps = c.get("deps");
	const scope = memberScope(c);
	const now = deps.clock();
	const storageKey = newDocumentKey(deps.randomBytes, now, DOCUMENT_TYPES[type].extension);
	await (await resolveDocumentStorage(deps)).put(storageKey, bytes, type);
	const fileName = file.name.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || "piece-jointe";
	const [document] = await deps.db
		.insert(uploadedDocuments)
		.values({
			storageKey,
			fileName,
			contentType: type,
			sizeBytes: bytes.byteLength,
			sha256: sha256Hex(bytes),
			ownerAccountId: scope.accountId,
			uploadedAt: now,
		})
		.returning({ id: uploadedDocuments.id });
	return document ? { id: document.id, storageKey, fileName } : null;
}

/** The member's own attachment received earlier and not yet part of a request, or null. */
async function keptAttachment(c: Context<AppEnv>, raw: string | undefined): Promise<StoredAttachment | null> {
	const id = parseRecordId(raw);
	if (id === null) return null;
	const [document] = await c
		.get("deps")
		.db.select({
			id: uploadedDocuments.id,
			storageKey: uploadedDocuments.storageKey,
			fileName: uploadedDocuments.fileName,
		})
		.from(uploadedDocuments)
		.where(
			and(
				eq(uploadedDocuments.id, id),
				eq(uploadedDocuments.ownerAccountId, memberScope(c).accountId),
				isNull(uploadedDocuments.requestId),
				isNull(uploadedDocuments.deletedAt),
			),
		);
	return document ?? null;
}
