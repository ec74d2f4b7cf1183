// What a template produces: a subject and a short list of blocks. One renderer turns the blocks
// into the plain-text version and another into the HTML version, so that both always carry the
// same information, the same greeting and the same footer.
import type { Organisation } from "../../organisation.ts";

export interface MailContext {
	/** `config.publicUrl`: the base of every link, never the Host header of a request. */
	readonly publicUrl: URL;
	readonly organisation: Organisation;
}

export interface RenderedMail {
	readonly subject: string;
	readonly text: string;
	readonly html: string;
}

export type Block =
	| { readonly kind: "paragraph"; readonly text: string }
	/** The one thing to do: a button in HTML. */
	| { readonly kind: "action"; readonly label: string; readonly url: URL }
	| { readonly kind: "link"; readonly label: string; readonly url: URL }
	/** A value to read or type: an identifier, a one-time code. */
	| { readonly kind: "code"; readonly label: string; readonly value: string }
	| { readonly kind: "facts"; readonly items: readonly Fact[] }
	| { readonly kind: "address"; readonly lines: readonly string[] };

export interface Fact {
	readonly label: string;
	readonly value: string;
}

export interface MailContent {
	readonly subject: string;
	/** The title at the top of the message; the subject when absent. */
	readonly heading?: string;
	/** Given only when the data carries a display name; the greeting is "Bonjour," otherwise. */
	readonly displayName?: string | undefined;
	readonly blocks: readonly Block[];
	/** "current" for every mail but the one telling that the account is closed. */
	readonly account?: "current" | "closed";
}

export function paragraph(text: string): Block {
	return { kind: "paragraph", text };
}

export function action(label: string, url: URL): Block {
	return { kind: "action", label, url };
}

export function link(label: string, url: URL): Block {
	return { kind: "link", label, url };
}

export function code(label: string, value: string): Block {
	return { kind: "code", label, value };
}

export function facts(...items: readonly (Fact | false | undefined)[]): Block {
	return { kind: "facts", items: items.filter((item): item is Fact => Boolean(item)) };
}

export function address(lines: readonly string[]): Block {
	return { kind: "address", lines };
}
