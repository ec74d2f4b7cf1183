// The DataMatrix of the tiers-payant card, on the page (SVG) and in the PDF (modules). Its
// encoder, bwip-js, is about 1.6 MB of the Worker's code: it is imported on first use, so that an
// isolate that never draws a card never evaluates it (README, "The Worker's weight").
// The platform-neutral build: `toSVG` and `raw` need neither a canvas nor Node.
import type BwipJs from "bwip-js/browser";

type Bwip = typeof BwipJs;

let loading: Promise<Bwip> | undefined;

function encoder(): Promise<Bwip> {
	loading ??= import("bwip-js/browser").then(
		(module: { default: Bwip }) => module.default,
		(error: unknown) => {
			loading = undefined;
			throw error;
		},
	);
	return loading;
}

/** Dark modules of the datamatrix, row by row from the top. */
export async function datamatrixModules(text: string): Promise<boolean[][]> {
	const [symbol] = (await encoder()).raw({ bcid: "datamatrix", text });
	if (!symbol || !("pixs" in symbol)) throw new Error("datamatrix encoding failed");
	const rows: boolean[][] = [];
	for (let y = 0; y < symbol.pixy; y++) {
		rows.push(symbol.pixs.slice(y * symbol.pixx, (y + 1) * symbol.pixx).map((module) => module === 1));
	}
	return rows;
}

/** The datamatrix as an SVG element, one unit per module and a one-module margin. */
export async function datamatrixSvg(text: string): Promise<string> {
	return (await encoder()).toSVG({ bcid: "datamatrix", text, scale: 1, padding: 1 });
}
