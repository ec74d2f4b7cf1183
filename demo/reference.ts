// Writes the reference data every database needs: care categories, acts and their dated
// tariffs, dated parameters, offers with their guarantee tables and card cells.
import { ACTS, CARE_CATEGORIES, GUARANTEE_LINES, GUARANTEES_FROM, OFFERS } from "./catalogue.ts";
import type { SeedContext } from "./context.ts";
import { DATED_PARAMETERS } from "./parameters.ts";

export function writeReferenceData(ctx: SeedContext): void {
	const { sink } = ctx;
	CARE_CATEGORIES.forEach((category, index) => {
		sink.careCategories.push([category.code, category.label, category.cardDomain, index + 1]);
	});
	for (const act of ACTS) {
		const current = act.tariffs[act.tariffs.length - 1];
		sink.acts.push([act.code, act.label, act.category, current?.ssRateBp ?? 0, act.deduction, act.basket]);
		for (const tariff of act.tariffs) {
			sink.actTariffs.push([
				act.code,
				tariff.from,
				tariff.to,
				tariff.baseCents,
				tariff.ssRateBp,
				tariff.priceLimitCents ?? null,
				tariff.source ?? null,
			]);
		}
	}
	for (const parameter of DATED_PARAMETERS) {
		sink.datedParameters.push([
			parameter.name,
			parameter.value,
			parameter.unit,
			parameter.from,
			parameter.to,
			parameter.source,
		]);
	}
	OFFERS.forEach((offer, index) => {
		const offerId = index + 1;
		ctx.offerIds.set(offer.code, offerId);
		sink.offers.push([offerId, offer.code, offer.label, offer.kind, true, index + 1]);
		// One table per offer, in force since before the oldest generated history.
		sink.guaranteeTables.push([
			offerId,
			offerId,
			`Tableau de garanties ${offer.label}`,
			GUARANTEES_FROM,
			null,
		]);
		GUARANTEE_LINES.forEach((line, lineIndex) => {
			sink.guaranteeLines.push([
				offerId,
				line.category,
				line.act,
				line.label,
				line.kinds[offer.column] ?? "percent_br",
				line.values[offer.column] ?? 0,
				null,
				line.period,
				lineIndex + 1,
			]);
		});
		for (const [domain, value] of Object.entries(offer.cardCells))
			sink.offerCardCells.push([offerId, domain, value]);
	});
}
