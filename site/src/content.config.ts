// Content collections of the public site.
// `cgu`: one Markdown file per version of the terms of use. The demonstration version kept in
// tests/fixtures/cgu/ joins the collection everywhere except in production builds
// (ESPACE_ENV=production), so that the changes page can be seen and tested before a real
// second version exists.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { withArticleAnchors } from "./lib/article-anchors.ts";

const includeDemo = process.env.ESPACE_ENV !== "production";

const cguPatterns = ["site/src/content/cgu/*.md", ...(includeDemo ? ["tests/fixtures/cgu/*.md"] : [])];

const cgu = defineCollection({
	loader: withArticleAnchors(
		glob({
			// The base is the project root so that one loader reads both folders.
			base: ".",
			pattern: cguPatterns,
			// The version is the id, and so the URL: /cgu/1.0.
			generateId: ({ data }) => String(data.version),
		}),
	),
	schema: z
		.strictObject({
			version: z
				.string()
				.regex(/^\d+\.\d+(-[a-z0-9]+)?$/, "La version s'écrit comme « 1.0 » ou « 2.0-demo »."),
			// YAML turns an unquoted 2025-01-01 into a Date at midnight UTC.
			effectiveDate: z.date(),
			summary: z.string().min(1).max(200),
			demo: z.boolean().default(false),
		})
		// A demo version must say so, so that production builds can never mistake it for a real one.
		.refine((data) => data.demo || !data.version.endsWith("-demo"), {
			message: "Une version « -demo » doit avoir demo: true.",
		}),
});

export const collections = { cgu };
