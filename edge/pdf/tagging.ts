// The logical structure of the PDFs (a "tagged PDF", ISO 32000-1 §14.7 and §14.8), which screen
// readers follow instead of guessing headings, paragraphs and table cells from where glyphs sit.
// pdf-lib 1.17 has no tagging API, so this layer writes the objects itself:
// - on the pages, every piece of real content is a marked-content sequence
//   (`/P << /MCID 3 >> BDC … EMC`) and every piece of page furniture (the repeated header and
//   footer, rules, shading) an artifact (`/Artifact << /Type /Pagination >> BDC … EMC`) that
//   readers skip;
// - in the catalog, `/MarkInfo << /Marked true >>` and a `/StructTreeRoot` whose tree of
//   structure elements (Document, H1, P, Table, TR, TH…) lists those sequences in reading order,
//   with the `/ParentTree` that leads back from a page's MCID to its element.
// Elements are kept as plain objects while the document is drawn and written once, at the end:
// an element's content may land on later pages (a paragraph or a table over a page break) and
// stays one element.
import {
	type PDFDict,
	type PDFDocument,
	PDFHexString,
	PDFName,
	PDFNumber,
	type PDFObject,
	PDFOperator,
	PDFOperatorNames,
	type PDFPage,
	type PDFRef,
} from "pdf-lib";

/** The standard structure types the PDFs use (ISO 32000-1 §14.8.4). */
export type StructTag = "Document" | "H1" | "H2" | "P" | "Caption" | "Table" | "TR" | "TH" | "TD" | "Figure";

export interface ElementOptions {
	/** Header cells: whether they name the cells of their column or of their row. */
	readonly scope?: "Column" | "Row";
	/** Table cells drawn across several columns. */
	readonly colSpan?: number;
	/** Figures: what a screen reader says in place of the drawing. */
	readonly alt?: string;
	/** Figures: the drawing's box on its page, [left, bottom, right, top] in points. */
	readonly bbox?: readonly [number, number, number, number];
}

/** Page furniture: the running header and footer, repeated table headers, rules and shading. */
export type ArtifactKind = "Header" | "Footer" | "Pagination" | "Layout";

const ARTIFACT_PROPERTIES: Readonly<Record<ArtifactKind, string>> = {
	Header: "<< /Type /Pagination /Subtype /Header >>",
	Footer: "<< /Type /Pagination /Subtype /Footer >>",
	Pagination: "<< /Type /Pagination >>",
	Layout: "<< /Type /Layout >>",
};

interface MarkedContent {
	readonly page: PDFPage;
	readonly mcid: number;
}

export class StructElement {
	readonly tag: StructTag;
	readonly options: ElementOptions;
	/** In reading order: child elements and the marked-content sequences of this element. */
	readonly kids: (StructElement | MarkedContent)[] = [];

	constructor(tag: StructTag, options: ElementOptions = {}) {
		this.tag = tag;
		this.options = options;
	}
}

const name = (value: string) => PDFName.of(value);

export class StructureTree {
	/** The root element: everything the document says hangs below it. */
	readonly document = new StructElement("Document");
	/** The next marked-content identifier of each page (they are numbered per page). */
	readonly #nextMcid = new Map<PDFPage, number>();
	#written = false;

	/** A new element, last child of `parent`: create elements in reading order. */
	element(
		tag: StructTag,
		parent: StructElement = this.document,
		options: ElementOptions = {},
	): StructElement {
		const element = new StructElement(tag, options);
		parent.kids.push(element);
		return element;
	}

	/** Whatever `draw` puts on `page` becomes the next piece of `element`'s content. */
	mark(page: PDFPage, element: StructElement, draw: () => void): void {
		const mcid = this.#nextMcid.get(page) ?? 0;
		this.#nextMcid.set(page, mcid + 1);
		// pdf-lib writes a string operand as it is: the property list goes inline.
		page.pushOperators(
			PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [name(element.tag), `<< /MCID ${mcid} >>`]),
		);
		draw();
		page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
		element.kids.push({ page, mcid });
	}

	/** Whatever `draw` puts on `page` is furniture that screen readers skip. */
	artifact(page: PDFPage, kind: ArtifactKind, draw: () => void): void {
		page.pushOperators(
			PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
				name("Artifact"),
				ARTIFACT_PROPERTIES[kind],
			]),
		);
		draw();
		page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
	}

	/** Writes the tree into `doc` once every page is drawn; the document is then "Tagged: yes". */
	write(doc: PDFDocument): void {
		if (this.#written) throw new Error("StructureTree: already written");
		this.#written = true;
		const context = doc.context;
		const pages = doc.getPages();
		const pageIndex = new Map(pages.map((page, index) => [page, index]));
		// For each page, by MCID: the element that MCID belongs to (the parent tree's arrays).
		const owners: PDFRef[][] = pages.map(() => []);

		const write = (element: StructElement, parent: PDFRef): PDFRef => {
			const ref = context.nextRef();
			// The element's page is that of its first content; content on other pages (a paragraph
			// or a table continued after a page break) is named with its page, as a reference dict.
			const home = element.kids.find((kid): kid is MarkedContent => !(kid instanceof StructElement))?.page;
			const kids: PDFObject[] = element.kids.map((kid) => {
				if (kid instanceof StructElement) return write(kid, ref);
				const index = pageIndex.get(kid.page);
				const pageOwners = index === undefined ? undefined : owners[index];
				if (!pageOwners) throw new Error("StructureTree: content on a page that is not in the document");
				pageOwners[kid.mcid] = ref;
				return kid.page === home
					? PDFNumber.of(kid.mcid)
					: context.obj({ Type: "MCR", Pg: kid.page.ref, MCID: kid.mcid });
			});
			const dict = context.obj({ Type: "StructElem", S: element.tag, P: parent });
			if (home) dict.set(name("Pg"), home.ref);
			const [only] = kids;
			if (kids.length === 1 && only) dict.set(name("K"), only);
			else if (kids.length > 1) dict.set(name("K"), context.obj(kids));
			const attributes = this.#attributes(doc, element.options);
			if (attributes.length === 1 && attributes[0]) dict.set(name("A"), attributes[0]);
			else if (attributes.length > 1) dict.set(name("A"), context.obj(attributes));
			if (element.options.alt) dict.set(name("Alt"), PDFHexString.fromText(element.options.alt));
			context.assign(ref, dict);
			return ref;
		};

		const rootRef = context.nextRef();
		const documentRef = write(this.document, rootRef);
		const nums: PDFObject[] = [];
		owners.forEach((pageOwners, index) => {
			// Every MCID of a page must lead to an element, or readers lose that content.
			for (let mcid = 0; mcid < pageOwners.length; mcid++) {
				if (!pageOwners[mcid])
					throw new Error(`StructureTree: MCID ${mcid} of page ${index + 1} has no element`);
			}
			nums.push(PDFNumber.of(index), context.register(context.obj(pageOwners)));
			const page = pages[index];
			page?.node.set(name("StructParents"), PDFNumber.of(index));
			// Tab order follows the structure (PDF/UA asks it of every page with annotations).
			page?.node.set(name("Tabs"), name("S"));
		});
		context.assign(
			rootRef,
			context.obj({
				Type: "StructTreeRoot",
				K: documentRef,
				ParentTree: context.register(context.obj({ Nums: nums })),
				ParentTreeNextKey: pages.length,
			}),
		);
		doc.catalog.set(name("StructTreeRoot"), rootRef);
		doc.catalog.set(name("MarkInfo"), context.obj({ Marked: true }));
	}

	#attributes(doc: PDFDocument, options: ElementOptions): PDFDict[] {
		const attributes: PDFDict[] = [];
		const { scope, colSpan, bbox } = options;
		if (scope || (colSpan && colSpan > 1)) {
			const table = doc.context.obj({ O: "Table" });
			if (scope) table.set(name("Scope"), name(scope));
			if (colSpan && colSpan > 1) table.set(name("ColSpan"), PDFNumber.of(colSpan));
			attributes.push(table);
		}
		if (bbox) attributes.push(doc.context.obj({ O: "Layout", Placement: "Block", BBox: [...bbox] }));
		return attributes;
	}
}
