// The only script of the private pages: the WebAuthn ceremony of a passkey form. The form
// (`data-passkey="register"` or `"authenticate"`) carries the server's options in
// `data-options`; on submit, the browser's ceremony runs (SimpleWebAuthnBrowser, bundled before
// this file), its answer goes into the hidden `reponse` field, and the form is posted as usual.
// Without JavaScript the form posts an empty answer and the server says that this step needs it.
(() => {
	const browser = globalThis.SimpleWebAuthnBrowser;
	const MESSAGES = {
		unsupported: "Votre navigateur ne permet pas d'utiliser une clé d'accès.",
		cancelled: "L'opération a été annulée ou le délai est dépassé. Réessayez.",
	};
	for (const form of document.querySelectorAll("form[data-passkey]")) {
		const error = form.querySelector("[data-passkey-error]");
		const show = (message) => {
			if (!error) return;
			error.textContent = message;
			error.hidden = false;
		};
		form.addEventListener("submit", async (event) => {
			const answer = form.querySelector('input[name="reponse"]');
			if (!answer || answer.value) return;
			event.preventDefault();
			if (!browser?.browserSupportsWebAuthn()) return show(MESSAGES.unsupported);
			try {
				const optionsJSON = JSON.parse(form.dataset.options ?? "{}");
				const result =
					form.dataset.passkey === "register"
						? await browser.startRegistration({ optionsJSON })
						: await browser.startAuthentication({ optionsJSON });
				answer.value = JSON.stringify(result);
				form.submit();
			} catch {
				show(MESSAGES.cancelled);
			}
		});
	}
})();
