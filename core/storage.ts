// The one interface through which uploaded documents (supporting documents of requests) are
// stored: a folder beside the database under the Node host (hosts/node-storage.ts), an R2
// bucket on Cloudflare (hosts/r2-storage.ts). Never the static root: an uploaded file is
// never served as a page. Keys are opaque and carry no personal data ("documents/2026/<hex>.pdf").
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { AppDeps } from "./deps.ts";

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

// --- Which storage the routes use --------------------------------------------------------
// Until AppDeps carries a `storage` (the lead wires it in hosts/node.ts and cloudflare.ts),
// the routes take it from here: `setDocumentStorage` (the hosts, or a test with a temporary
// folder), else the Node folder beside the database. Never an in-memory store by default:
// a document accepted must survive a restart.

let configured: DocumentStorage | null = null;

export function setDocumentStorage(storage: DocumentStorage | null): void {
	configured = storage;
}

export async function resolveDocumentStorage(deps: AppDeps): Promise<DocumentStorage> {
	const wired = (deps as AppDeps & { readonly storage?: DocumentStorage }).storage;
	if (wired) return wired;
	if (configured) return configured;
	// Loaded on demand so that the Worker bundle never runs node:fs unless nothing else is wired.
	const { createNodeDocumentStorage, documentsDirectoryFor } = await import("../hosts/node-storage.ts");
	configured = createNodeDocumentStorage(documentsDirectoryFor(deps.config.database.url));
	return configured;
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
