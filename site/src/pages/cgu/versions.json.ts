// /cgu/versions.json: every version of the terms of use, oldest first. The edge app reads it
// to record which version a user accepted and to ask for a new acceptance when one comes.
import type { APIRoute } from "astro";
import { cguUrl, getCguVersions } from "../../lib/cgu.ts";
import { isoDate } from "../../lib/format.ts";

export const prerender = true;

export const GET: APIRoute = async () => {
	const versions = await getCguVersions();
	return Response.json(
		versions.map((entry) => ({
			version: entry.data.version,
			effectiveDate: isoDate(entry.data.effectiveDate),
			summary: entry.data.summary,
			demo: entry.data.demo,
			url: cguUrl(entry),
		})),
	);
};
