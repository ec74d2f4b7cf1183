// A document a member sent with a form that came back with an error is stored at once (an
// uploaded_documents row without request) and named by a hidden field, so the corrected form
// need not carry it again (issue 11). Shared by the complaint and beneficiary forms; the id read
// back is honoured only for the member's own document not yet attached to a request, so another
// member's id answers exactly like a missing one (core/documents.ts).
import type { Context } from "hono";
import {
	findUnattachedDocument,
	recordUploadedDocument,
	storeUploadedDocument,
} from "../../../core/documents.ts";
import type { DocumentType } from "../../../core/file-type.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { memberScope } from "../../middleware/member.ts";
import { KEPT_FIELD, KEPT_NAME } from "../../views/adherent/kept-document.tsx";

export { KEPT_FIELD, KEPT_NAME };

export interface StoredDocument {
	readonly id: number;
	readonly storageKey: string;
	readonly fileName: string;
}

/** Stores the member's checked document (bytes already typed) without a request yet. */
export async function storeMemberDocument<E extends AppEnv>(
	c: Context<E>,
	file: File,
	bytes: Uint8Array,
	type: DocumentType,
	fallbackName: string,
): Promise<StoredDocument | null> {
	const deps = c.get("deps");
	const now = deps.clock();
	const stored = await storeUploadedDocument(
		deps,
		{ bytes, contentType: type, fileName: file.name },
		now,
		fallbackName,
	);
	const id = await recordUploadedDocument(deps.db, memberScope(c).accountId, stored.record, now).catch(
		async (error: unknown) => {
			await stored.discard();
			throw error;
		},
	);
	return id === null ? null : { id, storageKey: stored.record.storageKey, fileName: stored.record.fileName };
}

/** The member's own document received earlier and not yet part of a request, or null. */
export async function keptDocument<E extends AppEnv>(
	c: Context<E>,
	raw: string | undefined,
): Promise<StoredDocument | null> {
	const id = parseRecordId(raw);
	if (id === null) return null;
	return findUnattachedDocument(c.get("deps").db, memberScope(c).accountId, id);
}

/** The values to show again: the typed ones, plus the kept document's id and name if any. */
export function valuesKeeping(
	values: Readonly<Record<string, string>>,
	document: StoredDocument | null,
): Record<string, string> {
	const { [KEPT_FIELD]: _previous, [KEPT_NAME]: _name, ...typed } = values;
	return document ? { ...typed, [KEPT_FIELD]: String(document.id), [KEPT_NAME]: document.fileName } : typed;
}
