import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxAround, formatDistance, haversineKm } from "./geo.ts";

const paris = { latitude: 48.8566, longitude: 2.3522 };
const lyon = { latitude: 45.764, longitude: 4.8357 };
const marseille = { latitude: 43.2965, longitude: 5.3698 };

describe("haversine distances", () => {
	it("gives the known great-circle distances between French cities", () => {
		// Reference values from the same formula on the IUGG mean radius; road distances differ.
		expect(haversineKm(paris, lyon)).toBeCloseTo(391.5, 0);
		expect(haversineKm(paris, marseille)).toBeCloseTo(660.5, 0);
		expect(haversineKm(lyon, marseille)).toBeCloseTo(277.5, 0);
	});

	it("is zero on the same point, symmetric, and one degree of latitude is about 111.195 km", () => {
		expect(haversineKm(paris, paris)).toBe(0);
		expect(haversineKm(paris, lyon)).toBe(haversineKm(lyon, paris));
		expect(haversineKm({ latitude: 45, longitude: 3 }, { latitude: 46, longitude: 3 })).toBeCloseTo(
			111.195,
			3,
		);
	});

	it("obeys the triangle inequality", () => {
		const point = fc.record({
			latitude: fc.double({ min: -60, max: 60, noNaN: true }),
			longitude: fc.double({ min: -170, max: 170, noNaN: true }),
		});
		fc.assert(
			fc.property(point, point, point, (a, b, c) => {
				expect(haversineKm(a, c)).toBeLessThanOrEqual(haversineKm(a, b) + haversineKm(b, c) + 1e-9);
			}),
		);
	});
});

describe("the box around a point", () => {
	it("holds every point within the radius, whatever the latitude", () => {
		fc.assert(
			fc.property(
				fc.double({ min: -70, max: 70, noNaN: true }),
				fc.double({ min: -170, max: 170, noNaN: true }),
				fc.double({ min: 0.1, max: 500, noNaN: true }),
				fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(latitude, longitude, radius, bearing, fraction) => {
					const center = { latitude, longitude };
					// A point at `fraction` of the radius, in direction `bearing` (destination formula).
					const delta = (radius * fraction) / 6371.0088;
					const lat1 = (latitude * Math.PI) / 180;
					const lat2 = Math.asin(
						Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(bearing),
					);
					const lon2 =
						(longitude * Math.PI) / 180 +
						Math.atan2(
							Math.sin(bearing) * Math.sin(delta) * Math.cos(lat1),
							Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2),
						);
					const point = { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
					const box = boxAround(center, radius);
					expect(point.latitude).toBeGreaterThanOrEqual(box.minLat - 1e-9);
					expect(point.latitude).toBeLessThanOrEqual(box.maxLat + 1e-9);
					expect(point.longitude).toBeGreaterThanOrEqual(box.minLon - 1e-9);
					expect(point.longitude).toBeLessThanOrEqual(box.maxLon + 1e-9);
				},
			),
		);
	});
});

describe("distances as people read them", () => {
	it("uses metres under a kilometre and French decimals", () => {
		expect(formatDistance(0.347)).toBe("350 m");
		expect(formatDistance(0.001)).toBe("10 m");
		expect(formatDistance(1.24)).toBe("1,2 km");
		expect(formatDistance(18.4)).toBe("18 km");
		expect(formatDistance(1234.4)).toBe("1\u202f234 km");
	});
});
