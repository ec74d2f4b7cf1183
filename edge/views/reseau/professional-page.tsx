// `/reseau/professionnels/:id`: one member of the network, with everything the list shows and
// the ways to get there: a `geo:` link that opens the person's own map application (RFC 5870),
// and a web page for a device that has none.
import type { DirectoryEntry } from "../../../core/reseau/directory.ts";
import type { MemberOffers } from "../../../core/reseau/member-offers.ts";
import { SPECIALTY_LABELS, specialtyOfNetwork } from "../../../core/reseau/specialties.ts";
import {
	Address,
	Badges,
	HundredPercentSanteOffers,
	OpeningHours,
	Phone,
	professionLabel,
} from "./directory-entry.tsx";

/** RFC 5870 URI with a label for the map application (`q=lat,lon(label)`, as Android reads it). */
export function geoUri(entry: DirectoryEntry): string {
	const at = `${entry.latitude.toFixed(5)},${entry.longitude.toFixed(5)}`;
	return `geo:${at}?q=${at}(${encodeURIComponent(entry.name)})`;
}

/** The same destination on OpenStreetMap's directions page, for a device without a map application. */
export function webDirectionsUrl(entry: DirectoryEntry): string {
	const at = `${entry.latitude.toFixed(5)},${entry.longitude.toFixed(5)}`;
	return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(at)}`;
}

export function ProfessionalPage({
	entry,
	offers,
}: {
	readonly entry: DirectoryEntry;
	readonly offers?: MemberOffers | null;
}) {
	return (
		<>
			<p>
				<a href="/reseau">Nouvelle recherche</a>
			</p>
			<h1>{entry.name}</h1>
			<p class="lead">
				{professionLabel(entry)}
				{entry.personName ? ` · ${entry.personName}` : ""} · réseau Kalixia{" "}
				{entry.networks
					.map((network) => SPECIALTY_LABELS[specialtyOfNetwork(network)].toLowerCase())
					.join(", ")}
			</p>
			<Badges entry={entry} offers={offers} />
			<h2>Adresse et contact</h2>
			<Address entry={entry} />
			<Phone entry={entry} />
			<ul class="link-list">
				<li>
					<a href={geoUri(entry)}>Itinéraire dans votre application de cartes</a>
				</li>
				<li>
					<a href={webDirectionsUrl(entry)} rel="noopener noreferrer">
						Itinéraire sur OpenStreetMap (site web)
					</a>
				</li>
			</ul>
			<h2>Offres 100 % Santé</h2>
			<HundredPercentSanteOffers entry={entry} />
			<h2>Accessibilité</h2>
			<p>
				{entry.stepFreeAccess
					? "Accès sans marche (fauteuil roulant, poussette)."
					: "Accès sans marche non signalé."}
			</p>
			<h2>Horaires d'ouverture</h2>
			<OpeningHours entry={entry} />
		</>
	);
}
