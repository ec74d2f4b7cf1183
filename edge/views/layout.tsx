// The frame of every server-rendered page: the same header, landmarks, skip link, footer and
// stylesheet as the public site (site/src/layouts/page-layout.astro), so that moving from a
// public page to a private one feels like one site. No script.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { footerGroups } from "../../core/navigation.ts";
import { organisation } from "../../core/organisation.ts";

export interface NavLink {
	readonly href: string;
	readonly label: string;
}

export interface LayoutProps {
	readonly title: string;
	readonly stylesheets: readonly string[];
	/** The current path, to mark the current link. */
	readonly path?: string;
	/** The private space's navigation; the public one when absent. */
	readonly nav?: readonly NavLink[];
	/** Shown when signed in: the sign-out button. */
	readonly signedIn?: boolean;
	readonly children?: Child;
}

const PUBLIC_NAV: readonly NavLink[] = [
	{ href: "/", label: "Accueil" },
	{ href: "/informations", label: "Informations" },
	{ href: "/cgu", label: "Conditions d'utilisation" },
	{ href: "/connexion", label: "Se connecter" },
];

/** Where the page's content goes in a rendered frame (a NUL byte cannot come from a page's text). */
const CONTENT_SLOT = "\u0000contenu\u0000";
/** Frames kept: one per title, path, navigation and stylesheet set in use. */
const MAX_FRAMES = 256;
const frames = new Map<string, readonly [string, string]>();

/** The JSON of each navigation and stylesheet list met (read-only constants): the frames' keys. */
const listKeys = new WeakMap<readonly unknown[], string>();
function listKey(list: readonly unknown[] | undefined): string {
	if (list === undefined) return "";
	let key = listKeys.get(list);
	if (key === undefined) {
		key = JSON.stringify(list);
		listKeys.set(list, key);
	}
	return key;
}

/**
 * The frame of a page as two strings, before and after its content. The frame depends only on
 * its props, so it is rendered once and kept (a page view then renders its content only).
 */
export function layoutFrame(props: Omit<LayoutProps, "children">): readonly [string, string] {
	const key = `${JSON.stringify([props.title, props.path, props.signedIn])}${listKey(props.stylesheets)}\u0000${listKey(props.nav)}`;
	const kept = frames.get(key);
	if (kept) return kept;
	const html = String(<Frame {...props}>{raw(CONTENT_SLOT)}</Frame>);
	const at = html.indexOf(CONTENT_SLOT);
	const frame = [html.slice(0, at), html.slice(at + CONTENT_SLOT.length)] as const;
	if (frames.size >= MAX_FRAMES) frames.clear();
	frames.set(key, frame);
	return frame;
}

export function Layout({ children, ...props }: LayoutProps) {
	const [before, after] = layoutFrame(props);
	return (
		<>
			{raw(before)}
			{children}
			{raw(after)}
		</>
	);
}

function Frame({ title, stylesheets, path, nav, signedIn = false, children }: LayoutProps) {
	const siteName = `${organisation.productName} ${organisation.name}`;
	const links = nav ?? PUBLIC_NAV;
	return (
		<>
			{raw("<!DOCTYPE html>")}
			<html lang="fr">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{`${title} – ${siteName}`}</title>
					<meta name="robots" content="noindex" />
					<link rel="icon" href="data:," />
					{stylesheets.map((href) => (
						<link rel="stylesheet" href={href} />
					))}
				</head>
				<body>
					<a class="skip-link" href="#contenu">
						Aller au contenu
					</a>
					<header class="site-header">
						<div class="container site-header-inner">
							<a class="brand" href="/">
								{siteName}
							</a>
							<nav class="site-nav" aria-label={nav ? "Navigation de l'espace" : "Navigation principale"}>
								<ul>
									{links.map((link) => (
										<li>
											<a href={link.href} aria-current={link.href === path ? "page" : undefined}>
												{link.label}
											</a>
										</li>
									))}
									{signedIn ? (
										<li>
											<form method="post" action="/deconnexion" class="inline-form">
												<button type="submit" class="button-link">
													Se déconnecter
												</button>
											</form>
										</li>
									) : null}
								</ul>
							</nav>
						</div>
					</header>
					<main id="contenu" class="container" tabindex={-1}>
						{children}
					</main>
					<footer class="site-footer">
						<div class="container">
							<nav class="footer-nav" aria-label="Pages du site">
								{footerGroups.map((group) => (
									<div>
										<h2>{group.title}</h2>
										<ul>
											{group.links.map((link) => (
												<li>
													<a href={link.href}>{link.label}</a>
												</li>
											))}
										</ul>
									</div>
								))}
							</nav>
						</div>
					</footer>
				</body>
			</html>
		</>
	);
}
