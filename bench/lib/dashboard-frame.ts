// The parts of the portal's dashboard that are the same for every member (the layout before the
// h1, and from the shortcuts to the end): the portal renders them once and keeps them, and the
// dashboard benchmark's fair peer is given them so that it renders the same bytes (ADR 0013).
import { refuseUnless } from "./expected-responses.ts";

export interface PageFrame {
	readonly before: string;
	readonly after: string;
}

export const SHORTCUTS_START = '<nav aria-labelledby="raccourcis-titre">';

export function pageFrame(html: string): PageFrame {
	const start = html.indexOf("<h1>");
	const end = html.indexOf(SHORTCUTS_START);
	refuseUnless(
		start > 0 && end > start,
		"the dashboard's page no longer has its h1 and shortcuts where the fair peer expects them: update bench/servers/express-fair-peer.ts",
	);
	return { before: html.slice(0, start), after: html.slice(end) };
}
