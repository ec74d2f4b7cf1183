// Uploaded documents on Cloudflare: an R2 bucket binding (wrangler.toml `[[r2_buckets]]`,
// binding DOCUMENTS). Only the three methods the portal needs are typed here, so that the code
// does not depend on generated Worker types and a test can pass a stand-in.
import { assertStorageKey, type DocumentStorage } from "../core/storage.ts";

/** The part of `R2Bucket` the portal uses. */
export interface R2BucketLike {
	put(
		key: string,
		value: ArrayBuffer | Uint8Array,
		options?: { httpMetadata?: { contentType?: string } },
	): Promise<unknown>;
	get(
		key: string,
	): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; httpMetadata?: { contentType?: string } } | null>;
	delete(key: string): Promise<void>;
}

export function createR2DocumentStorage(bucket: R2BucketLike): DocumentStorage {
	return {
		async put(key, bytes, contentType) {
			assertStorageKey(key);
			await bucket.put(key, bytes, { httpMetadata: { contentType } });
		},
		async get(key) {
			assertStorageKey(key);
			const object = await bucket.get(key);
			if (!object) return null;
			return {
				bytes: new Uint8Array(await object.arrayBuffer()),
				contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
			};
		},
		async delete(key) {
			assertStorageKey(key);
			await bucket.delete(key);
		},
	};
}
