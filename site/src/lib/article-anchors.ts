// Gives every "Article N – …" heading of a rendered Markdown entry the stable id `article-N`,
// so that `/cgu#article-8` keeps working whatever the wording of the title. Astro's Markdown
// processor slugifies heading text and its heading-attribute syntax is off by default; rather
// than change the site-wide Markdown settings, this wraps one collection's loader and rewrites
// the rendered entry before it reaches the data store.
import type { Loader, LoaderContext } from "astro/loaders";

type RenderedEntry = Parameters<LoaderContext["store"]["set"]>[0];

const ARTICLE_HEADING = /^Article (\d+)\b/;

function anchorArticles(entry: RenderedEntry): RenderedEntry {
	const rendered = entry.rendered;
	if (!rendered?.metadata?.headings) return entry;
	let html = rendered.html;
	const headings = rendered.metadata.headings.map((heading) => {
		const match = heading.depth === 2 ? ARTICLE_HEADING.exec(heading.text) : null;
		if (!match) return heading;
		const slug = `article-${match[1]}`;
		const before = `id="${heading.slug}"`;
		// Fail the build rather than ship a page whose anchors silently broke.
		if (!html.includes(before)) throw new Error(`${entry.id}: no heading with ${before}`);
		html = html.replace(before, `id="${slug}"`);
		return { ...heading, slug };
	});
	return { ...entry, rendered: { ...rendered, html, metadata: { ...rendered.metadata, headings } } };
}

export function withArticleAnchors(loader: Loader): Loader {
	return {
		...loader,
		load: (context) => {
			const store = context.store;
			const wrapped: LoaderContext["store"] = new Proxy(store, {
				get(target, property) {
					if (property === "set") return (entry: RenderedEntry) => target.set(anchorArticles(entry));
					const value = Reflect.get(target, property, target);
					return typeof value === "function" ? value.bind(target) : value;
				},
			});
			return loader.load({ ...context, store: wrapped });
		},
	};
}
