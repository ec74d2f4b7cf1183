// The one answer to every sign-up: the same page whether the records matched or not, so that
// nobody learns from it who is a member, an employer or a professional (no enumeration).
export function SignUpSentPage() {
	return (
		<>
			<h1>Vérifiez votre messagerie</h1>
			<p>
				Si ces informations correspondent à nos fichiers, vous recevrez un e-mail à l'adresse que vous avez
				communiquée à la mutuelle dans les prochaines minutes.
			</p>
			<p>
				Il contient votre identifiant et un lien, valable 24 heures et utilisable une seule fois, pour choisir
				votre mot de passe. Nous ne vous enverrons jamais de mot de passe par e-mail.
			</p>
			<p>
				Rien reçu ? Vérifiez le dossier des courriers indésirables, puis les informations saisies sur vos
				documents de la mutuelle.
			</p>
			<ul>
				<li>
					<a href="/inscription">Recommencer l'inscription</a>
				</li>
				<li>
					<a href="/informations/contact">Nous contacter</a>
				</li>
			</ul>
		</>
	);
}
