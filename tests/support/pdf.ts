// For tests only: the text of a PDF as a reader would copy it, read by Debian's pdftotext
// (poppler-utils), installed with apt when missing, the way tests/support/chromium.ts installs
// Chromium. pdf-lib writes PDFs but cannot read their text back. From the same package, pdfinfo
// says whether a PDF is tagged and prints its structure tree with each element's text, as a
// screen reader gets it; what poppler does not print (text alternatives, the pages an element's
// content is on, content left out of both the tree and the artifacts) is read with pdf-lib.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
	decodePDFRawStream,
	PDFArray,
	PDFDict,
	PDFDocument,
	PDFHexString,
	PDFName,
	PDFNumber,
	type PDFObject,
	PDFRawStream,
	PDFRef,
	PDFString,
} from "pdf-lib";

export const PDFTOTEXT_PATH = process.env.PDFTOTEXT_PATH ?? "/usr/bin/pdftotext";
export const PDFINFO_PATH = process.env.PDFINFO_PATH ?? "/usr/bin/pdfinfo";

/**
 * Call it in a `beforeAll` with a long timeout: on a fresh machine it installs a package
 * (poppler-utils, which holds both pdftotext and pdfinfo).
 */
export function ensurePdftotext(): void {
	if (existsSync(PDFTOTEXT_PATH) && existsSync(PDFINFO_PATH)) return;
	process.stderr.write(
		"pdftotext or pdfinfo is missing: installing Debian's package (apt-get install poppler-utils)…\n",
	);
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	// Several test files may ask at once: wait for apt's lock instead of failing on it.
	const lock = ["-o", "DPkg::Lock::Timeout=300"];
	execFileSync("apt-get", [...lock, "update"], { stdio: "inherit", env });
	execFileSync("apt-get", [...lock, "install", "-y", "--no-install-recommends", "poppler-utils"], {
		stdio: "inherit",
		env,
	});
	for (const path of [PDFTOTEXT_PATH, PDFINFO_PATH]) {
		if (!existsSync(path)) throw new Error(`${path} was not found after installation`);
	}
}

/**
 * Runs a poppler tool on the bytes written to a temporary file and returns what it prints;
 * `args` gets the file's path.
 */
async function poppler(
	tool: string,
	bytes: Uint8Array,
	args: (file: string) => readonly string[],
): Promise<string> {
	ensurePdftotext();
	const dir = await mkdtemp(join(tmpdir(), "espace-pdf-"));
	try {
		const file = join(dir, "document.pdf");
		await writeFile(file, bytes);
		const { stdout } = await promisify(execFile)(tool, args(file), {
			maxBuffer: 16 * 1024 * 1024,
		});
		return stdout;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * The text of every page, pages separated by a form feed, in reading order with each table row
 * on one line (`-layout`). Runs of white space (including the no-break spaces of "12,50 €")
 * become one plain space, so tests can look for sentences and rows.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	const stdout = await poppler(PDFTOTEXT_PATH, bytes, (file) => ["-layout", "-enc", "UTF-8", file, "-"]);
	return stdout
		.split("\f")
		.map((page) => page.replace(/\s+/g, " ").trim())
		.join("\f");
}

/** pdfinfo's fields ("Tagged" is "yes" for a tagged PDF, "Pages", "Title"…). */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, string>> {
	const stdout = await poppler(PDFINFO_PATH, bytes, (file) => ["-enc", "UTF-8", file]);
	const fields: Record<string, string> = {};
	for (const line of stdout.split("\n")) {
		const match = /^([^:]+):\s*(.*)$/.exec(line);
		if (match?.[1]) fields[match[1]] = match[2] ?? "";
	}
	return fields;
}

/** One element of the structure tree as pdfinfo prints it. */
export interface PdfStructNode {
	/** The structure type: "Document", "H1", "P", "Table", "TR", "TH", "TD", "Figure"… */
	readonly type: string;
	/** Its attributes, e.g. { Scope: "/Column", ColSpan: "11" }. */
	readonly attributes: Record<string, string>;
	/** The text of each of its own marked-content sequences (one per drawn line), in order. */
	readonly lines: string[];
	readonly children: PdfStructNode[];
}

/**
 * The structure tree (`pdfinfo -struct-text`): its root elements, each element with its text;
 * empty when the PDF is not tagged. The tree holds content only: no artifact is in it.
 */
export async function pdfStructure(bytes: Uint8Array): Promise<PdfStructNode[]> {
	const stdout = await poppler(PDFINFO_PATH, bytes, (file) => ["-struct-text", "-enc", "UTF-8", file]);
	const roots: PdfStructNode[] = [];
	// pdfinfo indents a child element by 2 spaces, an element's text by 2 and its attributes by 3.
	const open: { indent: number; node: PdfStructNode }[] = [];
	for (const line of stdout.split("\n")) {
		const trimmed = line.trimStart();
		if (!trimmed) continue;
		const indent = line.length - trimmed.length;
		while (open.length > 0 && (open.at(-1)?.indent ?? 0) >= indent) open.pop();
		const parent = open.at(-1)?.node;
		if (trimmed.startsWith('"') && parent) {
			parent.lines.push(trimmed.slice(1, trimmed.endsWith('"') ? -1 : undefined));
		} else if (trimmed.startsWith("/") && parent) {
			const [key = "", ...value] = trimmed.slice(1).split(" ");
			parent.attributes[key] = value.join(" ");
		} else {
			const node: PdfStructNode = {
				type: trimmed.split(/[\s:]/)[0] ?? "",
				attributes: {},
				lines: [],
				children: [],
			};
			(parent ? parent.children : roots).push(node);
			open.push({ indent, node });
		}
	}
	return roots;
}

/** The node and every node below it, in reading order. */
export function structNodes(nodes: readonly PdfStructNode[]): PdfStructNode[] {
	return nodes.flatMap((node) => [node, ...structNodes(node.children)]);
}

/** All the text of a node and of the nodes below it, lines joined by a space. */
export function structText(node: PdfStructNode): string {
	return [...node.lines, ...node.children.map(structText)].join(" ").replace(/\s+/g, " ").trim();
}

/** A structure element as pdf-lib reads it: what pdfinfo leaves out. */
export interface PdfStructElement {
	readonly type: string;
	/** The text alternative (/Alt), for figures. */
	readonly alt: string | undefined;
	/** The pages (from 1) its own marked content is on, in the order of that content. */
	readonly pages: number[];
}

interface WalkedElement extends PdfStructElement {
	/** The element's object ("12 0 R"), and its own marked content as "page:MCID". */
	readonly ref: string;
	readonly content: string[];
}

/** The structure elements of a loaded document, in reading order. */
function walkStructure(doc: PDFDocument): WalkedElement[] {
	const pageNumbers = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
	const pageOf = (ref: PDFObject | undefined) =>
		ref instanceof PDFRef ? (pageNumbers.get(ref.toString()) ?? 0) : 0;
	const elements: WalkedElement[] = [];
	const visit = (ref: PDFObject) => {
		const dict = doc.context.lookup(ref, PDFDict);
		const alt = dict.lookup(PDFName.of("Alt"));
		const element: WalkedElement = {
			type: dict.lookup(PDFName.of("S"), PDFName).decodeText(),
			alt: alt instanceof PDFHexString || alt instanceof PDFString ? alt.decodeText() : undefined,
			pages: [],
			ref: ref.toString(),
			content: [],
		};
		elements.push(element);
		const home = dict.get(PDFName.of("Pg"));
		const kids = dict.get(PDFName.of("K"));
		const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
		for (const kid of list) {
			const value = doc.context.lookup(kid);
			if (value instanceof PDFNumber) {
				element.pages.push(pageOf(home));
				element.content.push(`${pageOf(home)}:${value.asNumber()}`);
			} else if (value instanceof PDFDict && value.has(PDFName.of("S"))) {
				visit(kid);
			} else if (value instanceof PDFDict) {
				const page = pageOf(value.get(PDFName.of("Pg")) ?? home);
				element.pages.push(page);
				element.content.push(`${page}:${value.lookup(PDFName.of("MCID"), PDFNumber).asNumber()}`);
			}
		}
	};
	const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
	const top = root?.get(PDFName.of("K"));
	for (const kid of top instanceof PDFArray ? top.asArray() : top ? [top] : []) visit(kid);
	return elements;
}

/** Every structure element, in reading order, read from the objects of the file. */
export async function pdfStructElements(bytes: Uint8Array): Promise<PdfStructElement[]> {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false });
	return walkStructure(doc).map(({ type, alt, pages }) => ({ type, alt, pages }));
}

/**
 * What makes a tagged PDF inconsistent, checked on the file's objects and content streams: no
 * `/MarkInfo`, a page without `/StructParents` and `/Tabs /S`, something painted (text, paths)
 * outside any marked-content sequence (neither in the tree nor an artifact: screen readers then
 * do as they please with it), sequences left open, an MCID on a page that no element claims or
 * an element claiming one that is not there, a parent tree that leads elsewhere. Empty when sound.
 */
export async function taggingProblems(bytes: Uint8Array): Promise<string[]> {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false });
	const problems: string[] = [];
	const markInfo = doc.catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
	if (markInfo?.get(PDFName.of("Marked"))?.toString() !== "true")
		problems.push("no /MarkInfo << /Marked true >>");
	const elements = walkStructure(doc);
	// "page:MCID" → the element that claims it.
	const owners = new Map<string, string>();
	for (const element of elements) {
		for (const content of element.content) {
			if (owners.has(content)) problems.push(`MCID ${content} claimed twice`);
			owners.set(content, element.ref);
		}
	}
	const parentTree = doc.catalog
		.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict)
		?.lookupMaybe(PDFName.of("ParentTree"), PDFDict)
		?.lookupMaybe(PDFName.of("Nums"), PDFArray);
	const parents = new Map<number, PDFArray>();
	for (let i = 0; parentTree && i + 1 < parentTree.size(); i += 2) {
		parents.set(parentTree.lookup(i, PDFNumber).asNumber(), parentTree.lookup(i + 1, PDFArray));
	}

	// The painting operators pdf-lib writes: text, fills, strokes, shadings and XObjects.
	const painting = new Set([
		"Tj",
		"TJ",
		"'",
		'"',
		"f",
		"F",
		"f*",
		"S",
		"s",
		"B",
		"B*",
		"b",
		"b*",
		"sh",
		"Do",
	]);
	// Tokens of a content stream: strings are taken whole so that their bytes are not operators.
	const token =
		/<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]<>()]*|\[|\]|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*][A-Za-z0-9*]*/g;
	doc.getPages().forEach((page, index) => {
		const number = index + 1;
		const structParents = page.node.lookupMaybe(PDFName.of("StructParents"), PDFNumber)?.asNumber();
		if (structParents === undefined) problems.push(`page ${number}: no /StructParents`);
		if (page.node.lookupMaybe(PDFName.of("Tabs"), PDFName)?.decodeText() !== "S")
			problems.push(`page ${number}: no /Tabs /S`);
		const contents = page.node.Contents();
		const streams =
			contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
		let source = "";
		for (const stream of streams) {
			if (stream instanceof PDFRawStream)
				source += `${Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1")}\n`;
		}
		let depth = 0;
		let previous = "";
		let mcid: number | null = null;
		const marked = new Set<number>();
		for (const [word] of source.matchAll(token)) {
			if (previous === "/MCID") mcid = Number(word);
			previous = word;
			if (word === "BDC" || word === "BMC") {
				depth++;
				if (word === "BDC" && mcid !== null) marked.add(mcid);
				mcid = null;
			} else if (word === "EMC") {
				if (--depth < 0) problems.push(`page ${number}: EMC without BDC`);
			} else if (depth <= 0 && painting.has(word)) {
				problems.push(`page ${number}: ${word} outside marked content`);
			}
		}
		if (depth > 0) problems.push(`page ${number}: ${depth} marked-content sequence(s) left open`);
		const claimed = [...owners.keys()].filter((key) => key.startsWith(`${number}:`));
		for (const key of claimed) {
			if (!marked.has(Number(key.split(":")[1]))) problems.push(`MCID ${key} claimed but not on the page`);
		}
		const parentArray = structParents === undefined ? undefined : parents.get(structParents);
		for (const id of marked) {
			const owner = owners.get(`${number}:${id}`);
			if (!owner) problems.push(`page ${number}: MCID ${id} in no element`);
			if (parentArray?.get(id)?.toString() !== owner)
				problems.push(`page ${number}: the parent tree of MCID ${id} leads elsewhere`);
		}
		if (parentArray && parentArray.size() !== marked.size)
			problems.push(`page ${number}: the parent tree lists ${parentArray.size()} MCIDs for ${marked.size}`);
	});
	return problems;
}
