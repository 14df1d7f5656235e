import { ONE_CLICK_BODY } from '../../core/consent/unsubscribe-link';

/** The pages a person sees when they open an unsubscribe link in a browser rather than in their mail program. */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

/**
 * A GET only asks: link scanners of mail providers open every link, and must not unsubscribe
 * anyone. The button POSTs what a mail program's one-click POST carries.
 */
export function confirmationPage(token: string): string {
	const [name, value] = ONE_CLICK_BODY.split('=');
	return page(
		'Unsubscribe',
		`<p>Do you want to stop receiving these e-mails?</p>
<form method="post" action="?token=${encodeURIComponent(token)}"><input type="hidden" name="${name}" value="${value}"><button type="submit">Unsubscribe</button></form>`,
	);
}

export const unsubscribedPage = () => page('You are unsubscribed', '<p>You will not receive these e-mails any more.</p>');

export const invalidLinkPage = () => page('This link does not work', '<p>The unsubscribe link is incomplete or was changed. Use the Unsubscribe button of your mail program, or the link of a more recent e-mail.</p>');
