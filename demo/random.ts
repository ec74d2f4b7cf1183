// A small, fast, seedable PRNG (sfc32) for the demo generator, plus the helpers it needs. It
// also drives faker (as its Randomizer), so that one seed fixes every generated value.
import type { Randomizer } from "@faker-js/faker";

export class Random implements Randomizer {
	#a = 0;
	#b = 0;
	#c = 0;
	#d = 0;

	constructor(seed: number) {
		this.seed(seed);
	}

	seed(seed: number | number[]): void {
		const values = Array.isArray(seed) ? seed : [seed];
		// splitmix32 spreads the seed over the four words of state.
		let x = values.reduce((acc, value) => (Math.imul(acc ^ value, 0x9e3779b1) + 0x7f4a7c15) | 0, 0x12345678);
		const next = () => {
			x = (x + 0x9e3779b9) | 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.#a = next();
		this.#b = next();
		this.#c = next();
		this.#d = next();
		for (let i = 0; i < 12; i++) this.uint32();
	}

	uint32(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.uint32() / 4294967296;
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new RangeError("pick() from an empty list");
		return item;
	}

	/** Picks with weights; `cumulative` from `cumulativeWeights()` makes repeated picks O(log n). */
	weighted<T>(items: readonly T[], cumulative: readonly number[]): T {
		const total = cumulative[cumulative.length - 1] ?? 0;
		const target = this.next() * total;
		let low = 0;
		let high = cumulative.length - 1;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if ((cumulative[middle] ?? 0) > target) high = middle;
			else low = middle + 1;
		}
		const item = items[low];
		if (item === undefined) throw new RangeError("weighted() from an empty list");
		return item;
	}

	/** Digits as text, e.g. digits(11) for an account number. */
	digits(length: number): string {
		let out = "";
		for (let i = 0; i < length; i++) out += String(this.uint32() % 10);
		return out;
	}

	bytes(length: number): Uint8Array {
		const out = new Uint8Array(length);
		for (let i = 0; i < length; i++) out[i] = this.uint32() & 0xff;
		return out;
	}

	/** Poisson-distributed count (Knuth; fine for the small means used here). */
	poisson(mean: number): number {
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}
}

export function cumulativeWeights(weights: readonly number[]): number[] {
	let total = 0;
	return weights.map((weight) => {
		total += weight;
		return total;
	});
}
