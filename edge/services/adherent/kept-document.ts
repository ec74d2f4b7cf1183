// A document a member sent with a form that came back with an error is stored at once (an
// uploaded_documents row without request) and named by a hidden field, so the corrected form
// need not carry it again (issue 11). Shared by the complaint and beneficiary forms; the id read
// back is honoured only for the member's own document not yet attached to a request, so another
// member's id answers exactly like a missing one.

import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { parseRecordId } from "../../../schema/record-id.ts";
import { uploadedDocuments } from "../../../schema/tables/index.ts";
import type { AppEnv } from "../../app.tsx";
import { DOCUMENT_TYPES } from "../../lib/file-type.ts";
import { sha256Hex } from "../../lib/sha256.ts";
import { newDocumentKey, resolveDocumentStorage } from "../../lib/storage.ts";
import { memberScope } from "./member.ts";

/** The hidden field naming a document received with an earlier, refused, submission. */
export const KEPT_FIELD = "pieceRecue";
/** Its file name, for the page only (never read back from the form). */
export const KEPT_NAME = "pieceRecueNom";

export interface StoredDocument {
	readonly id: number;
	readonly storageKey: string;
	readonly fileName: string;
}

/** A file name safe to store and show: no folder part, only letters, digits and `._()-`. */
function safeFileName(name: string, fallback: string): string {
	const base = name.split(/[\\/]/).pop() ?? "";
	return base.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || fallback;
}

/** Stores the member's checked document (bytes already typed) without a request yet. */
export async function storeMemberDocument(
	c: Context<AppEnv>,
	file: File,
	bytes: Uint8Array,
	type: keyof typeof DOCUMENT_TYPES,
	fallbackName: string,
): Promise<StoredDocument | null> {
	const deps = c.get("deps");
	const scope = memberScope(c);
	const now = deps.clock();
	const storageKey = newDocumentKey(deps.randomBytes, now, DOCUMENT_TYPES[type].extension);
	await (await resolveDocumentStorage(deps)).put(storageKey, bytes, type);
	const fileName = safeFileName(file.name, fallbackName);
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

/** The member's own document received earlier and not yet part of a request, or null. */
export async function keptDocument(
	c: Context<AppEnv>,
	raw: string | undefined,
): Promise<StoredDocument | null> {
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

/** The values to show again: the typed ones, plus the kept document's id and name if any. */
export function valuesKeeping(
	values: Readonly<Record<string, string>>,
	document: StoredDocument | null,
): Record<string, string> {
	const { [KEPT_FIELD]: _previous, [KEPT_NAME]: _name, ...typed } = values;
	return document ? { ...typed, [KEPT_FIELD]: String(document.id), [KEPT_NAME]: document.fileName } : typed;
}
