// One way to keep an uploaded document (a complaint's attachment, a beneficiary's supporting
// document): its bytes go to the document storage under a fresh random key, and it is described
// for `uploaded_documents` (type read from the bytes, size, SHA-256, a safe file name). The
// caller records that description in the same transaction as the request it supports, and
// discards the stored bytes if that transaction fails.
import { and, eq, isNull } from "drizzle-orm";
import { uploadedDocuments } from "../schema/tables/index.ts";
import type { AppDeps } from "./deps.ts";
import { DOCUMENT_TYPES, type DocumentType } from "./file-type.ts";
import { sha256Hex } from "./sha256.ts";
import { type DocumentStorage, newDocumentKey, resolveDocumentStorage } from "./storage.ts";

export interface DocumentUpload {
	readonly bytes: Uint8Array;
	readonly contentType: DocumentType;
	/** The name the browser sent; kept only as a label. */
	readonly fileName: string;
}

/** What `uploaded_documents` keeps of a stored document. */
export interface StoredDocumentRecord {
	readonly storageKey: string;
	readonly fileName: string;
	readonly contentType: DocumentType;
	readonly sizeBytes: number;
	readonly sha256: string;
}

/** The last part of a path, letters, digits and ". _ ( ) -" only, at most 120 characters. */
export function safeFileName(name: string, fallback: string): string {
	const base = name.split(/[\\/]/).pop() ?? "";
	return base.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || fallback;
}

export interface StoredUpload {
	readonly record: StoredDocumentRecord;
	/** Removes the stored bytes (the request they support was not recorded). */
	discard(): Promise<void>;
}

export async function storeUploadedDocument(
	deps: Pick<AppDeps, "config" | "randomBytes" | "storage">,
	upload: DocumentUpload,
	now: Date,
	fallbackName: string,
): Promise<StoredUpload> {
	const storage: DocumentStorage = await resolveDocumentStorage(deps);
	const storageKey = newDocumentKey(deps.randomBytes, now, DOCUMENT_TYPES[upload.contentType].extension);
	await storage.put(storageKey, upload.bytes, upload.contentType);
	return {
		record: {
			storageKey,
			fileName: safeFileName(upload.fileName, fallbackName),
			contentType: upload.contentType,
			sizeBytes: upload.bytes.byteLength,
			sha256: sha256Hex(upload.bytes),
		},
		discard: () => storage.delete(storageKey).catch(() => undefined),
	};
}

/** Records a stored document for its owner; returns its id. */
export async function recordUploadedDocument(
	db: Pick<AppDeps["db"], "insert">,
	ownerAccountId: number,
	record: StoredDocumentRecord,
	now: Date,
	requestId?: number,
): Promise<number | null> {
	const [row] = await db
		.insert(uploadedDocuments)
		.values({ ...record, ownerAccountId, requestId, uploadedAt: now })
		.returning({ id: uploadedDocuments.id });
	return row?.id ?? null;
}

/** A document of `ownerAccountId` stored earlier and not yet part of a request (kept across a form error). */
export async function findUnattachedDocument(
	db: Pick<AppDeps["db"], "select">,
	ownerAccountId: number,
	documentId: number,
): Promise<{ readonly id: number; readonly storageKey: string; readonly fileName: string } | null> {
	const [document] = await db
		.select({
			id: uploadedDocuments.id,
			storageKey: uploadedDocuments.storageKey,
			fileName: uploadedDocuments.fileName,
		})
		.from(uploadedDocuments)
		.where(
			and(
				eq(uploadedDocuments.id, documentId),
				eq(uploadedDocuments.ownerAccountId, ownerAccountId),
				isNull(uploadedDocuments.requestId),
				isNull(uploadedDocuments.deletedAt),
			),
		);
	return document ?? null;
}
