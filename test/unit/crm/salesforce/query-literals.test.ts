import { phoneSearchForms, soqlString, soslTerm } from '../../../../core/crm/salesforce/query-literals';
import { parseEmailQuery } from '../../../support/salesforce-queries';

describe('Salesforce query literals', () => {
	it.each([["o'brien@example.com"], ['back\\slash@example.com'], ['"quoted"@example.com'], ["line\nbreak' OR Name != '"], ["\\' OR '1'='1"]])(
		'reads %j back as the one value it is',
		(value) => {
			const soql = `SELECT Id FROM Contact WHERE Email IN (${soqlString(value)}, 'b@example.com') ORDER BY LastModifiedDate DESC LIMIT 50`;
			expect(parseEmailQuery(soql).emails).toEqual([value, 'b@example.com']);
		},
	);

	it('escapes every SOSL reserved character', () => {
		expect(soslTerm('+55 (11) {x} a-b "c" \\ * ? ~ ^ : & | !')).toBe('\\+55 \\(11\\) \\{x\\} a\\-b \\"c\\" \\\\ \\* \\? \\~ \\^ \\: \\& \\| \\!');
	});

	it.each([
		['+5511987654321', ['+5511987654321', '11987654321', '5511987654321']],
		['+442079460000', ['+442079460000', '02079460000', '2079460000', '442079460000']],
		['+12133734253', ['+12133734253', '2133734253', '12133734253']],
	])('searches %s as %j', (phone, forms) => {
		expect(phoneSearchForms(phone)).toEqual(forms);
	});
});
