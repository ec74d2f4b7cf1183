import { describe, expect, it } from "vitest";
import { createR2DocumentStorage, type R2BucketLike } from "./r2-storage.ts";

/** A stand-in for an R2 bucket binding: what put/get/delete do, in memory. */
function fakeBucket(): R2BucketLike & {
	readonly objects: Map<string, { bytes: Uint8Array; type?: string }>;
} {
	const objects = new Map<string, { bytes: Uint8Array; type?: string }>();
	return {
		objects,
		async put(key, value, options) {
			const bytes = value instanceof Uint8Array ? value.slice() : new Uint8Array(value);
			const type = options?.httpMetadata?.contentType;
			objects.set(key, type === undefined ? { bytes } : { bytes, type });
		},
		async get(key) {
			const found = objects.get(key);
			if (!found) return null;
			return {
				arrayBuffer: async () => found.bytes.slice().buffer,
				...(found.type === undefined ? {} : { httpMetadata: { contentType: found.type } }),
			};
		},
		async delete(key) {
			objects.delete(key);
		},
	};
}

describe("the R2 storage", () => {
	it("stores the bytes with their content type as HTTP metadata, and deletes them", async () => {
		const bucket = fakeBucket();
		const storage = createR2DocumentStorage(bucket);
		await storage.put("documents/2026/abc.png", new Uint8Array([137, 80, 78, 71]), "image/png");
		expect(bucket.objects.get("documents/2026/abc.png")?.type).toBe("image/png");
		expect(await storage.get("documents/2026/abc.png")).toEqual({
			bytes: new Uint8Array([137, 80, 78, 71]),
			contentType: "image/png",
		});
		await storage.delete("documents/2026/abc.png");
		expect(await storage.get("documents/2026/abc.png")).toBeNull();
	});

	it("refuses an invalid key before reaching the bucket", async () => {
		const bucket = fakeBucket();
		await expect(createR2DocumentStorage(bucket).put("../x", new Uint8Array(1), "image/png")).rejects.toThrow(
			RangeError,
		);
		expect(bucket.objects.size).toBe(0);
	});
});
