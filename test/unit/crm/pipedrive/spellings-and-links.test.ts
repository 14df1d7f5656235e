/** The small rules under the adapter: how numbers are searched, how the company is named, how text is shown. */
import { companySubdomain, personUrl } from '../../../../core/crm/pipedrive';
import { phoneSpellings, searchableTerms } from '../../../../core/crm/pipedrive/search-terms';
import { htmlText } from '../../../../core/crm/pipedrive/timeline-bodies';

describe('Pipedrive search terms and links', () => {
	it('searches a number the ways people type it, national ones with their trunk prefix', () => {
		expect(phoneSpellings('+442079460018')).toEqual(['+442079460018', '+44 20 7946 0018', '020 7946 0018', '442079460018', '02079460018']);
		expect(phoneSpellings('+14155552671')).toEqual(['+14155552671', '+1 415 555 2671', '(415) 555-2671', '14155552671', '4155552671']);
	});

	it('skips empty terms and searches each term once', () => {
		expect(searchableTerms([' ana@example.com ', '', 'ana@example.com', '  '])).toEqual(['ana@example.com']);
	});

	it('names the company from a subdomain, a host or a URL, and links nothing for an API host or a gateway', () => {
		for (const domain of ['acme', 'acme.pipedrive.com', 'https://ACME.pipedrive.com/', ' acme ']) expect(companySubdomain(domain)).toBe('acme');
		for (const domain of [undefined, '', 'https://api.pipedrive.com', 'http://127.0.0.1:8080', 'gateway.example']) expect(personUrl(domain, 7)).toBeUndefined();
	});

	it('shows text as typed in HTML, every kind of line break a <br>', () => {
		expect(htmlText("a<b>&'c'\r\nd\re\nf")).toBe('a&lt;b&gt;&amp;&#39;c&#39;<br>d<br>e<br>f');
	});
});
