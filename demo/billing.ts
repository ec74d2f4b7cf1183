// From a beneficiary's care history to what the portal shows: reimbursement lines computed with
// computeReimbursement (deductions capped per day and per year), tiers-payant invoices for the
// lines paid to professionals (with their rejections), monthly statements and the transfers made
// to the member.
import type { Payee, Profession } from "../schema/enums.ts";
import { actDefinition, guaranteeFor } from "./catalogue.ts";
import type { SeedContext } from "./context.ts";
import { ageAt, dayString, dayToInstant, firstOfNextMonth, monthString, weekday } from "./dates.ts";
import type { BillItem, HistoryGenerator } from "./history.ts";
import { type ProfessionalIndex, REJECTIONS } from "./professionals.ts";
import { computeReimbursement, type GuaranteeRule, type Reimbursement } from "./reimbursement.ts";

/** Share of each kind of act paid to the professional (tiers payant) when the mutuelle pays something. */
const TIERS_PAYANT: Partial<Record<Profession, number>> = {
	pharmacien: 0.92,
	opticien: 0.85,
	audioprothesiste: 0.85,
	chirurgien_dentiste: 0.3,
	etablissement_sante: 1,
	laboratoire: 0.7,
	radiologie: 0.3,
	medecin_generaliste: 0.15,
	medecin_specialiste: 0.1,
	infirmier: 0.5,
	masseur_kinesitherapeute: 0.3,
};

export interface Line {
	readonly beneficiaryId: number;
	readonly item: BillItem;
	readonly amounts: Reimbursement;
	readonly paidTo: Payee;
	readonly paymentDay: number | null;
	/** Whether the line is a reimbursement line (false for invoices not yet processed or rejected). */
	readonly reimbursed: boolean;
	prestationId: number | null;
	statementId: number | null;
	memberPaymentId: number | null;
}

export interface InvoiceDraft {
	readonly professionalId: number;
	readonly beneficiaryId: number;
	readonly careDay: number;
	readonly receivedDay: number;
	readonly processedDay: number | null;
	readonly paidDay: number | null;
	readonly status: "recue" | "acceptee" | "rejetee" | "payee";
	readonly rejection: { code: string; label: string } | null;
	readonly lines: Line[];
}

/** Next Tuesday strictly after `day`: the weekly tiers-payant payment run. */
function paymentRunAfter(day: number): number {
	const delta = (1 - weekday(day) + 7) % 7;
	return day + (delta === 0 ? 7 : delta);
}

/** Moves a weekend day to the following Monday. */
function businessDay(day: number): number {
	const w = weekday(day);
	return w === 5 ? day + 2 : w === 6 ? day + 1 : day;
}

export class Billing {
	readonly #ctx: SeedContext;
	readonly #professionals: ProfessionalIndex;
	readonly #history: HistoryGenerator;
	readonly #guarantees = new Map<string, GuaranteeRule | null>();

	constructor(ctx: SeedContext, professionals: ProfessionalIndex, history: HistoryGenerator) {
		this.#ctx = ctx;
		this.#professionals = professionals;
		this.#history = history;
	}

	#guarantee(offerCode: string, act: string): GuaranteeRule | null {
		const key = `${offerCode}|${act}`;
		if (!this.#guarantees.has(key)) this.#guarantees.set(key, guaranteeFor(offerCode, act));
		return this.#guarantees.get(key) ?? null;
	}

	bill(
		offerCode: string,
		beneficiaryId: number,
		birthDay: number,
		items: readonly BillItem[],
		deducted: Map<string, number>,
		lines: Line[],
		invoices: InvoiceDraft[],
	): void {
		const { random, today } = this.#ctx;
		const tiersPayant = new Map<number, Line[]>();
		for (const item of items) {
			const act = actDefinition(item.act);
			const date = dayString(item.day);
			const kind = act.deduction;
			const family = kind === "participation_forfaitaire" ? "pf" : "fr";
			const yearKey = `${family}:${date.slice(0, 4)}`;
			const dayKey = `${kind}:${item.day}`;
			const amounts = computeReimbursement({
				careDate: date,
				chargedCents: item.chargedCents,
				baseCents: item.baseCents,
				ssRateBp: item.ssRateBp,
				deduction: kind,
				exemptFromDeductions: ageAt(birthDay, item.day) < 18,
				deductionsSoFar: {
					sameDayCents: deducted.get(dayKey) ?? 0,
					sameYearCents: deducted.get(yearKey) ?? 0,
				},
				guarantee: this.#guarantee(offerCode, item.act),
				priceLimitCents: item.priceLimitCents,
			});
			const deduction = amounts.participationForfaitaireCents + amounts.franchiseCents;
			if (deduction > 0) {
				deducted.set(dayKey, (deducted.get(dayKey) ?? 0) + deduction);
				deducted.set(yearKey, (deducted.get(yearKey) ?? 0) + deduction);
			}
			const tp =
				item.professionalId !== null &&
				amounts.mutuelleCents > 0 &&
				random.chance(TIERS_PAYANT[item.profession] ?? 0);
			if (tp && item.professionalId !== null) {
				const group = tiersPayant.get(item.professionalId) ?? [];
				group.push({
					beneficiaryId,
					item,
					amounts,
					paidTo: "professional",
					paymentDay: null,
					reimbursed: false,
					prestationId: null,
					statementId: null,
					memberPaymentId: null,
				});
				tiersPayant.set(item.professionalId, group);
				continue;
			}
			// The insurer learns of the line from the SS (NOEMIE) a couple of days after the care.
			if (item.day + 2 > today) continue;
			const paymentDay = businessDay(item.day + random.int(4, 12));
			lines.push({
				beneficiaryId,
				item,
				amounts,
				paidTo: "member",
				paymentDay: paymentDay <= today ? paymentDay : null,
				reimbursed: true,
				prestationId: null,
				statementId: null,
				memberPaymentId: null,
			});
		}
		for (const [professionalId, drafts] of tiersPayant) {
			const careDay = Math.max(...drafts.map((line) => line.item.day));
			const receivedDay = careDay + random.int(1, 3);
			if (receivedDay > today) continue;
			const notCovered = random.chance(0.005);
			const processedDay = receivedDay + random.int(1, 4);
			const processed = processedDay <= today;
			const paidDay = paymentRunAfter(processedDay);
			const status = !processed ? "recue" : notCovered ? "rejetee" : paidDay <= today ? "payee" : "acceptee";
			const reimbursed = status === "payee" || status === "acceptee";
			const invoiceLines = drafts.map((draft) => ({
				...draft,
				reimbursed,
				paymentDay: status === "payee" ? paidDay : null,
			}));
			if (reimbursed) lines.push(...invoiceLines);
			invoices.push({
				professionalId,
				beneficiaryId,
				careDay: Math.min(...drafts.map((line) => line.item.day)),
				receivedDay,
				processedDay: processed ? processedDay : null,
				paidDay: status === "payee" ? paidDay : null,
				status,
				rejection: status === "rejetee" ? REJECTIONS.notCovered : null,
				lines: invoiceLines,
			});
			// Now and then the same invoice is sent twice: the copy is rejected.
			const copyDay = receivedDay + random.int(5, 20);
			if (reimbursed && copyDay < today && random.chance(0.015)) {
				invoices.push({
					professionalId,
					beneficiaryId,
					careDay: Math.min(...drafts.map((line) => line.item.day)),
					receivedDay: copyDay,
					processedDay: copyDay + 1,
					paidDay: null,
					status: "rejetee",
					rejection: REJECTIONS.duplicate,
					lines: drafts.map((draft) => ({ ...draft, reimbursed: false })),
				});
			}
		}
	}

	/** Care after the contract ended, billed in tiers payant anyway: rejected, rights closed. */
	afterRights(
		beneficiaryId: number,
		birthDay: number,
		endDay: number,
		choose: (profession: Profession) => { id: number | null; sector: string | null },
		invoices: InvoiceDraft[],
	): void {
		const { random, today } = this.#ctx;
		const careDay = endDay + random.int(5, 300);
		if (careDay + 3 > today) return;
		const episodes = this.#history.episodes(birthDay, careDay, careDay, choose, 400);
		const items = episodes.flatMap((episode) => episode.items).filter((item) => item.professionalId !== null);
		const first = items[0];
		if (!first || first.professionalId === null) return;
		const ofFirst = items.filter((item) => item.professionalId === first.professionalId);
		const receivedDay = careDay + random.int(1, 2);
		invoices.push({
			professionalId: first.professionalId,
			beneficiaryId,
			careDay,
			receivedDay,
			processedDay: receivedDay + 1,
			paidDay: null,
			status: "rejetee",
			rejection: REJECTIONS.rightsClosed,
			lines: ofFirst.map((item) => {
				const amounts = computeReimbursement({
					careDate: dayString(item.day),
					chargedCents: item.chargedCents,
					baseCents: item.baseCents,
					ssRateBp: item.ssRateBp,
					guarantee: { kind: "percent_br", value: 10_000 },
					priceLimitCents: item.priceLimitCents,
				});
				return {
					beneficiaryId,
					item,
					amounts,
					paidTo: "professional",
					paymentDay: null,
					reimbursed: false,
					prestationId: null,
					statementId: null,
					memberPaymentId: null,
				};
			}),
		});
	}

	writeStatementsAndPayments(memberId: number, paper: boolean, ibanLast4: string, lines: Line[]): void {
		const ctx = this.#ctx;
		const byMonth = new Map<string, Line[]>();
		for (const line of lines) {
			if (line.paymentDay === null) continue;
			const month = monthString(line.paymentDay);
			const group = byMonth.get(month) ?? [];
			group.push(line);
			byMonth.set(month, group);
		}
		const months = [...byMonth.keys()].sort();
		const statementOfMonth = new Map<string, number>();
		for (const month of months) {
			const group = byMonth.get(month) ?? [];
			const published = firstOfNextMonth(group[0]?.paymentDay ?? ctx.today);
			if (published > ctx.today) continue;
			const id = ctx.ids.statement.next();
			statementOfMonth.set(month, id);
			let charged = 0;
			let ss = 0;
			let mutuelle = 0;
			let remaining = 0;
			let toMember = 0;
			let toProfessionals = 0;
			for (const line of group) {
				line.statementId = id;
				charged += line.amounts.chargedCents;
				ss += line.amounts.ssPaidCents;
				mutuelle += line.amounts.mutuelleCents;
				remaining += line.amounts.remainingCents;
				if (line.paidTo === "member") toMember += line.amounts.mutuelleCents;
				else toProfessionals += line.amounts.mutuelleCents;
			}
			const publishedAt = dayToInstant(published, 5);
			ctx.sink.statements.push([
				id,
				memberId,
				month,
				publishedAt,
				group.length,
				charged,
				ss,
				mutuelle,
				remaining,
				toMember,
				toProfessionals,
				"available",
				null,
				paper ? publishedAt + 2 * 86_400_000 : null,
			]);
		}
		// One transfer per payment day for what the mutuelle pays the member.
		const byDay = new Map<number, Line[]>();
		for (const line of lines) {
			if (line.paidTo !== "member" || line.paymentDay === null || line.amounts.mutuelleCents === 0) continue;
			const group = byDay.get(line.paymentDay) ?? [];
			group.push(line);
			byDay.set(line.paymentDay, group);
		}
		for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
			const group = byDay.get(day) ?? [];
			const id = ctx.ids.memberPayment.next();
			let amount = 0;
			for (const line of group) {
				line.memberPaymentId = id;
				amount += line.amounts.mutuelleCents;
			}
			ctx.sink.memberPayments.push([
				id,
				memberId,
				statementOfMonth.get(monthString(day)) ?? null,
				dayString(day),
				amount,
				`RB${String(id).padStart(10, "0")}`,
				ibanLast4,
				"paid",
			]);
		}
	}

	writeInvoice(memberId: number, memberNumber: string, invoice: InvoiceDraft): void {
		const ctx = this.#ctx;
		const id = ctx.ids.invoice.next();
		let charged = 0;
		let claimed = 0;
		for (const line of invoice.lines) {
			charged += line.amounts.chargedCents;
			claimed += line.amounts.mutuelleCents;
		}
		const accepted = invoice.status === "payee" || invoice.status === "acceptee";
		ctx.sink.invoices.push([
			id,
			invoice.professionalId,
			memberId,
			invoice.beneficiaryId,
			memberNumber,
			this.#professionals.nextInvoiceNumber(invoice.professionalId),
			dayString(invoice.careDay),
			dayString(invoice.receivedDay),
			invoice.processedDay === null ? null : dayString(invoice.processedDay),
			charged,
			claimed,
			accepted ? claimed : null,
			invoice.status,
			invoice.rejection?.code ?? null,
			invoice.rejection?.label ?? null,
			invoice.paidDay === null ? null : dayString(invoice.paidDay),
		]);
		invoice.lines.forEach((line, index) => {
			ctx.sink.invoiceLines.push([
				id,
				index + 1,
				line.item.act,
				dayString(line.item.day),
				line.item.quantity,
				line.amounts.chargedCents,
				line.amounts.baseCents,
				line.amounts.ssPaidCents,
				line.amounts.mutuelleCents,
				accepted ? line.amounts.mutuelleCents : null,
				line.reimbursed && accepted ? line.prestationId : null,
			]);
		});
	}
}
