// The pieces a directory entry is shown with, on the results list and on the professional's page:
// the address, the phone, the badges (100 % Santé, step-free access) and the opening hours.
import type { DirectoryEntry } from "../../../core/reseau/directory.ts";
import type { MemberOffers } from "../../../core/reseau/member-offers.ts";
import { HUNDRED_PERCENT_SANTE_OFFER } from "../../../core/reseau/specialties.ts";
import { PROFESSION_LABELS } from "../adherent/format.ts";

export function professionLabel(entry: DirectoryEntry): string {
	return PROFESSION_LABELS[entry.profession];
}

/** The phone as dialled by a `tel:` link: digits and a leading +. */
export function telHref(phone: string): string {
	return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export function Address({ entry }: { readonly entry: DirectoryEntry }) {
	return (
		<p>
			{entry.addressLine1}
			{entry.addressLine2 ? (
				<>
					<br />
					{entry.addressLine2}
				</>
			) : null}
			<br />
			{entry.postalCode} {entry.city}
		</p>
	);
}

export function Phone({ entry }: { readonly entry: DirectoryEntry }) {
	if (!entry.phone) return null;
	return (
		<p>
			Téléphone : <a href={telHref(entry.phone)}>{entry.phone}</a>
		</p>
	);
}

/** Whether the member's own contract pays this professional's 100 % Santé offer in full. */
export function coveredInFull(entry: DirectoryEntry, offers: MemberOffers | null | undefined): boolean {
	if (!offers || !entry.hundredPercentSante) return false;
	return offers.networks.some((offer) => offer.hundredPercentSante && entry.networks.includes(offer.network));
}

export function Badges({
	entry,
	offers,
}: {
	readonly entry: DirectoryEntry;
	readonly offers?: MemberOffers | null | undefined;
}) {
	const badges = [
		entry.hundredPercentSante ? <span class="badge badge-success">100 % Santé</span> : null,
		entry.stepFreeAccess ? <span class="badge badge-info">Accès sans marche</span> : null,
	].filter(Boolean);
	return (
		<>
			{badges.length > 0 ? (
				<p>{badges.map((badge, index) => (index === 0 ? badge : <> {badge}</>))}</p>
			) : null}
			{/* A sentence rather than a badge: it wraps on a narrow phone, a badge does not. */}
			{coveredInFull(entry, offers) ? (
				<p>
					<strong>Votre contrat : sans reste à charge en 100 % Santé</strong>
				</p>
			) : null}
		</>
	);
}

export function HundredPercentSanteOffers({ entry }: { readonly entry: DirectoryEntry }) {
	if (!entry.hundredPercentSante) return <p>Pas d'offre 100 % Santé déclarée.</p>;
	return (
		<ul>
			{entry.networks.map((network) => (
				<li>{HUNDRED_PERCENT_SANTE_OFFER[network]}</li>
			))}
		</ul>
	);
}

export function OpeningHours({ entry }: { readonly entry: DirectoryEntry }) {
	if (!entry.openingHours) return <p>Horaires non communiqués.</p>;
	return (
		<dl class="facts">
			{entry.openingHours.map((day) => (
				<>
					<dt>{day.day}</dt>
					<dd>{day.hours}</dd>
				</>
			))}
		</dl>
	);
}
