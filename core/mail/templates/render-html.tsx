// The HTML version, for e-mail clients: a complete document, one column of at most 600 px laid
// out with presentation tables, inline styles only, real links, no image and no tracking pixel.
// hono/jsx escapes every text child and attribute, so data can never become markup.
import type { Child } from "hono/jsx";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { Block, MailContent } from "./mail-content.ts";
import type { MailFrame } from "./mail-frame.ts";

// WCAG contrast: text 16.3:1 on white; muted text 7.2:1 and links 7.3:1 on the grey footer,
// 8:1 on white; button label 8:1. All above AAA (7:1).
const TEXT = "#1a202c";
const MUTED = "#4a5160";
const ACCENT = "#0b4f9c";
const PAGE = "#f2f4f7";
const BORDER = "#d3d8e0";
const FONT = "font-family:Arial,Helvetica,sans-serif;";
const BODY_TEXT = `${FONT}font-size:16px;line-height:24px;color:${TEXT};margin:0 0 16px 0;`;
const SMALL_TEXT = `${FONT}font-size:13px;line-height:20px;color:${MUTED};margin:0 0 8px 0;`;
const LINK = `color:${ACCENT};text-decoration:underline;`;

export function renderHtml(content: MailContent, frame: MailFrame): string {
	const html = (<MailDocument content={content} frame={frame} />).toString();
	if (typeof html !== "string") throw new Error("renderHtml: mail components must be synchronous");
	return `<!DOCTYPE html>${html}`;
}

function MailDocument({ content, frame }: { content: MailContent; frame: MailFrame }): JSX.Element {
	const { footer } = frame;
	return (
		<html lang="fr">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light" />
				<title>{frame.title}</title>
			</head>
			<body style={`margin:0;padding:0;background-color:${PAGE};`}>
				<table
					role="presentation"
					width="100%"
					cellpadding="0"
					cellspacing="0"
					border={0}
					style={`background-color:${PAGE};`}
				>
					<tr>
						<td align="center" style="padding:24px 12px;">
							<table
								role="presentation"
								width="100%"
								cellpadding="0"
								cellspacing="0"
								border={0}
								style={`max-width:600px;width:100%;background-color:#ffffff;border:1px solid ${BORDER};`}
							>
								<tr>
									<td style={`padding:16px 24px;border-bottom:3px solid ${ACCENT};`}>
										<p style={`${FONT}font-size:18px;line-height:24px;font-weight:bold;margin:0;`}>
											<a href={frame.brand.url.href} style={`color:${ACCENT};text-decoration:none;`}>
												{frame.brand.label}
											</a>
										</p>
									</td>
								</tr>
								<tr>
									<td style="padding:24px;">
										<h1 style={`${FONT}font-size:22px;line-height:30px;color:${TEXT};margin:0 0 16px 0;`}>
											{frame.title}
										</h1>
										<p style={BODY_TEXT}>{frame.greeting}</p>
										{content.blocks.map((block) => (
											<BlockView block={block} />
										))}
										<p style={BODY_TEXT}>{lines(frame.signature)}</p>
									</td>
								</tr>
								<tr>
									<td style={`padding:16px 24px;background-color:${PAGE};border-top:1px solid ${BORDER};`}>
										<p style={SMALL_TEXT}>{footer.automatic}</p>
										<p style={SMALL_TEXT}>
											{footer.contact.before}{" "}
											<a href={footer.contact.url.href} style={LINK}>
												{footer.contact.label}
											</a>
										</p>
										<p style={SMALL_TEXT}>{footer.noPassword}</p>
										<p style={SMALL_TEXT}>{footer.reason}</p>
										<p style={SMALL_TEXT}>{footer.identity}</p>
									</td>
								</tr>
							</table>
						</td>
					</tr>
				</table>
			</body>
		</html>
	);
}

function BlockView({ block }: { block: Block }): JSX.Element {
	switch (block.kind) {
		case "paragraph":
			return <p style={BODY_TEXT}>{block.text}</p>;
		case "action":
			return (
				<>
					<p style="margin:24px 0;">
						<a
							href={block.url.href}
							style={`${FONT}display:inline-block;padding:12px 20px;font-size:16px;line-height:24px;font-weight:bold;color:#ffffff;background-color:${ACCENT};border-radius:4px;text-decoration:none;`}
						>
							{block.label}
						</a>
					</p>
					<p style={SMALL_TEXT}>
						Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :{" "}
						<a href={block.url.href} style={`${LINK}word-break:break-all;`}>
							{block.url.href}
						</a>
					</p>
				</>
			);
		case "link":
			return (
				<p style={BODY_TEXT}>
					<a href={block.url.href} style={LINK}>
						{block.label}
					</a>
				</p>
			);
		case "code":
			return (
				<p style={BODY_TEXT}>
					{block.label} :<br />
					<strong
						style={`font-family:'Courier New',Courier,monospace;font-size:26px;line-height:36px;letter-spacing:3px;`}
					>
						{block.value}
					</strong>
				</p>
			);
		case "facts":
			return (
				<p style={BODY_TEXT}>
					{block.items.flatMap((item, index) => [
						index === 0 ? null : <br />,
						<strong>{item.label} :</strong>,
						` ${item.value}`,
					])}
				</p>
			);
		case "address":
			return (
				<p style={`${BODY_TEXT}padding-left:12px;border-left:3px solid ${BORDER};`}>{lines(block.lines)}</p>
			);
	}
}

/** Lines separated by <br>, each one escaped. */
function lines(values: readonly string[]): Child[] {
	return values.flatMap((value, index) => (index === 0 ? [value] : [<br />, value]));
}
