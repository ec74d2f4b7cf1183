import { describe, expect, it } from "vitest";
import { labelTableCells } from "./stacked-tables.ts";

describe("labelling table cells for narrow screens", () => {
	it("gives each body cell its column header, counting colspans, keeping existing labels", () => {
		const html =
			'<table><caption>Relevé</caption><thead><tr><th scope="col">Date</th><th scope="col" class="num">Part <abbr>AMC</abbr></th><th scope="col">Versé à</th></tr></thead>' +
			'<tbody><tr><th colspan="3">Claire</th></tr><tr><td>01/12/2026</td><th scope="row">12,50 €</th><td data-label="Autre">Vous</td></tr>' +
			'<tr><td colspan="2">Total</td><td /></tr></tbody></table><p>Après</p>';
		expect(labelTableCells(html)).toBe(
			'<table><caption>Relevé</caption><thead><tr><th scope="col">Date</th><th scope="col" class="num">Part <abbr>AMC</abbr></th><th scope="col">Versé à</th></tr></thead>' +
				'<tbody><tr><th colspan="3">Claire</th></tr><tr><td data-label="Date">01/12/2026</td><th scope="row" data-label="Part AMC">12,50 €</th><td data-label="Autre">Vous</td></tr>' +
				'<tr><td colspan="2" data-label="Date">Total</td><td data-label="Versé à"/></tr></tbody></table><p>Après</p>',
		);
	});

	it("leaves a page without tables, or a table without a head, as it is", () => {
		expect(labelTableCells("<p>x</p>")).toBe("<p>x</p>");
		expect(labelTableCells("<table><tr><td>a</td><td>b</td></tr></table>")).toBe(
			"<table><tr><td>a</td><td>b</td></tr></table>",
		);
	});
});
