// The plain-text version: readable on its own, every link written out in full on its own line.
import type { Block, MailContent } from "./mail-content.ts";
import type { MailFrame } from "./mail-frame.ts";

export function renderText(content: MailContent, frame: MailFrame): string {
	const { footer } = frame;
	const parts = [
		frame.greeting,
		...content.blocks.map(blockToText),
		frame.signature.join("\n"),
		[
			"--",
			footer.automatic,
			`${footer.contact.before} ${footer.contact.url.href}`,
			footer.noPassword,
			footer.reason,
			footer.identity,
		].join("\n"),
	];
	return `${parts.join("\n\n")}\n`;
}

function blockToText(block: Block): string {
	switch (block.kind) {
		case "paragraph":
			return block.text;
		case "action":
		case "link":
			return `${block.label}\n${block.url.href}`;
		case "code":
			return `${block.label} : ${block.value}`;
		case "facts":
			return block.items.map((item) => `${item.label} : ${item.value}`).join("\n");
		case "address":
			return block.lines.join("\n");
	}
}
