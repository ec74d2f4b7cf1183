// The one interface through which uploaded documents (supporting documents of requests) are
// stored: a folder beside the database under the Node host (hosts/node-storage.ts), an R2
// bucket on Cloudflare (hosts/r2-storage.ts). Never the static root: an uploaded file is
// never served as a page. Keys are opaque and carry no personal data ("documents/2026/<hex>.pdf").
import { encodeHexLowerCase } from "@oslojs/encoding";

export interface StoredDocument {
	readonly bytes: Uint8Array;
	readonly contentType: string;
}

export interface DocumentStorage {
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	get(key: string): Promise<StoredDocument | null>;
	delete(key: string): Promise<void>;
}

/** Lower-case segments of letters, digits, "-", "_" and ".", no "..", no leading "/". */
const KEY_PATTERN = /^(?:[a-z0-9_-][a-z0-9._-]*\/)*[a-z0-9_-][a-z0-9._-]*$/;

export function isValidStorageKey(key: string): boolean {
	return key.length <= 200 && KEY_PATTERN.test(key) && !key.split("/").includes("..");
}

export function assertStorageKey(key: string): void {
	if (!isValidStorageKey(key)) throw new RangeError("Invalid storage key.");
}

/** A new random key (128 bits) for a document of the given extension, filed by year. */
export function newDocumentKey(
	randomBytes: (length: number) => Uint8Array,
	now: Date,
	extension: string,
): string {
	return `documents/${now.getUTCFullYear()}/${encodeHexLowerCase(randomBytes(16))}.${extension}`;
}

// --- Which storage the services use -------------------------------------------------------
// The one the host wires into AppDeps (a folder beside the database under Node, R2 on
// Cloudflare), unless a test has set one with `setDocumentStorage`. Never an in-memory store
// by default: a document accepted must survive a restart.

let configured: DocumentStorage | null = null;

/** For tests: the storage every request uses until reset with null. */
export function setDocumentStorage(storage: DocumentStorage | null): void {
	configured = storage;
}

export async function resolveDocumentStorage(deps: {
	readonly storage?: DocumentStorage | undefined;
}): Promise<DocumentStorage> {
	const storage = configured ?? deps.storage;
	if (!storage) throw new Error("No document storage is wired into AppDeps by the host.");
	return storage;
}

/** For tests: a store in memory. Never a default (see above). */
export function createMemoryDocumentStorage(): DocumentStorage & { readonly keys: () => string[] } {
	const store = new Map<string, StoredDocument>();
	return {
		async put(key, bytes, contentType) {
			assertStorageKey(key);
			store.set(key, { bytes: bytes.slice(), contentType });
		},
		async get(key) {
			assertStorageKey(key);
			const found = store.get(key);
			return found ? { bytes: found.bytes.slice(), contentType: found.contentType } : null;
		},
		async delete(key) {
			assertStorageKey(key);
			store.delete(key);
		},
		keys: () => [...store.keys()],
	};
}
