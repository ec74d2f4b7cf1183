// Versions of the terms of use (CGU): ordering, the version in force, articles and the
// changes between two versions. Everything here runs at build time.
import { type CollectionEntry, getCollection } from "astro:content";
import { type ChangeObject, diffArrays, diffWords } from "diff";

export type CguEntry = CollectionEntry<"cgu">;

export interface Article {
	readonly number: number;
	readonly anchor: string;
	readonly title: string;
	/** The Markdown of the article without its heading. */
	readonly source: string;
}

/** A run of paragraphs: either unchanged (only counted) or changed (words added and removed). */
export type ChangeBlock =
	| { readonly kind: "unchanged"; readonly count: number }
	| { readonly kind: "changed"; readonly parts: readonly ChangeObject<string>[] };

export type ArticleChange =
	| { readonly kind: "unchanged"; readonly article: Article }
	| { readonly kind: "added" | "removed"; readonly article: Article }
	| {
			readonly kind: "modified";
			readonly article: Article;
			/** Set when the title itself changed. */
			readonly previousTitle: string | null;
			readonly blocks: readonly ChangeBlock[];
	  };

const production = process.env.ESPACE_ENV === "production";

function compareVersions(a: CguEntry, b: CguEntry): number {
	const byDate = a.data.effectiveDate.getTime() - b.data.effectiveDate.getTime();
	return byDate !== 0 ? byDate : a.data.version.localeCompare(b.data.version, "en", { numeric: true });
}

/** Every version, oldest first. Demo versions never reach a production build. */
export async function getCguVersions(): Promise<CguEntry[]> {
	const entries = await getCollection("cgu", (entry) => !(production && entry.data.demo));
	return entries.sort(compareVersions);
}

/** The latest version whose effective date has come, or null before the first one. */
export function getVersionInForce(versions: readonly CguEntry[], now: Date): CguEntry | null {
	return versions.findLast((entry) => entry.data.effectiveDate.getTime() <= now.getTime()) ?? null;
}

export function getUpcomingVersions(versions: readonly CguEntry[], now: Date): CguEntry[] {
	return versions.filter((entry) => entry.data.effectiveDate.getTime() > now.getTime());
}

export function getPreviousVersion(versions: readonly CguEntry[], entry: CguEntry): CguEntry | null {
	const index = versions.findIndex((candidate) => candidate.id === entry.id);
	return index > 0 ? (versions[index - 1] ?? null) : null;
}

export function cguUrl(entry: CguEntry): string {
	return `/cgu/${entry.data.version}`;
}

/** Splits the Markdown body on its "## Article N – Title" headings. */
export function splitArticles(body: string): Article[] {
	const articles: Article[] = [];
	for (const chunk of body.split(/^## /m).slice(1)) {
		const newline = chunk.indexOf("\n");
		const title = (newline === -1 ? chunk : chunk.slice(0, newline)).trim();
		const match = /^Article (\d+)\b/.exec(title);
		if (!match) continue;
		const number = Number(match[1]);
		articles.push({ number, anchor: `article-${number}`, title, source: chunk.slice(newline + 1).trim() });
	}
	return articles;
}

/** Markdown to the plain text a reader compares: no emphasis marks, links reduced to their text. */
export function toPlainText(markdown: string): string {
	return markdown
		.replace(/<[^>]+>/g, "")
		.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
		.replace(/\*\*|\*/g, "")
		.replace(/(^|[\s«(])_([^_]+)_/g, "$1$2")
		.replace(/^### /gm, "")
		.replace(/^- /gm, "• ")
		.replace(/\n{3,}/g, "\n\n");
}

/**
 * Aligns the paragraphs of two texts, then compares words inside the paragraphs that changed,
 * so that a reader sees each changed paragraph once instead of the whole article.
 */
export function compareParagraphs(oldText: string, newText: string): ChangeBlock[] {
	const blocks: ChangeBlock[] = [];
	let removed: string[] = [];
	const flush = (added: readonly string[]): void => {
		const pairs = Math.max(removed.length, added.length);
		for (let i = 0; i < pairs; i++) {
			blocks.push({ kind: "changed", parts: diffWords(removed[i] ?? "", added[i] ?? "") });
		}
		removed = [];
	};
	for (const change of diffArrays(oldText.split(/\n{2,}/), newText.split(/\n{2,}/))) {
		if (change.removed) removed = [...removed, ...change.value];
		else if (change.added) flush(change.value);
		else {
			flush([]);
			blocks.push({ kind: "unchanged", count: change.value.length });
		}
	}
	flush([]);
	return blocks;
}

/** What changed, article by article, from one version to the next (words added and removed). */
export function compareArticles(previous: CguEntry, next: CguEntry): ArticleChange[] {
	const before = new Map(splitArticles(previous.body ?? "").map((article) => [article.number, article]));
	const after = splitArticles(next.body ?? "");
	const changes: ArticleChange[] = [];
	for (const article of after) {
		const old = before.get(article.number);
		before.delete(article.number);
		if (!old) {
			changes.push({ kind: "added", article });
			continue;
		}
		const oldText = toPlainText(old.source);
		const newText = toPlainText(article.source);
		if (oldText === newText && old.title === article.title) {
			changes.push({ kind: "unchanged", article });
			continue;
		}
		const previousTitle = old.title === article.title ? null : old.title;
		changes.push({ kind: "modified", article, previousTitle, blocks: compareParagraphs(oldText, newText) });
	}
	for (const article of before.values()) changes.push({ kind: "removed", article });
	return changes.sort((a, b) => a.article.number - b.article.number);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[char]};`);
}

/**
 * The changes of one article as HTML: `<ins>`/`<del>` carry the meaning visually (underline,
 * strike-through) and words hidden on screen say it to screen readers, which mostly ignore
 * those elements. Built as a string so that no template whitespace leaks into the
 * `white-space: pre-line` block that shows it.
 */
export function renderChangesHtml(parts: readonly ChangeObject<string>[]): string {
	return parts
		.map((part) => {
			const text = escapeHtml(part.value);
			if (part.added)
				return `<ins><span class="sr-only">[Ajouté : </span>${text}<span class="sr-only">]</span></ins>`;
			if (part.removed)
				return `<del><span class="sr-only">[Supprimé : </span>${text}<span class="sr-only">]</span></del>`;
			return text;
		})
		.join("");
}

/** How a version stands on a date, in words for the reader. */
export function describeStatus(versions: readonly CguEntry[], entry: CguEntry, now: Date): string {
	if (entry.data.effectiveDate.getTime() > now.getTime()) return "à venir";
	return getVersionInForce(versions, now)?.id === entry.id ? "en vigueur" : "archivée";
}
