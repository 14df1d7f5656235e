import { rdStationComplaints, rdStationError } from '../../../../core/crm/rdstation';
import { rdFixture } from './fixtures';

const answer = (status: number, body: unknown) => ({ status, headers: {}, body });

describe('RD Station error answers', () => {
	it.each([
		['Marketing, one error', rdFixture('rdstation-marketing/error-404.response.json'), [{ type: 'RESOURCE_NOT_FOUND', message: 'Lead not found.' }]],
		['Marketing, per field', { errors: { mobile_phone: [{ error_type: 'INVALID_FORMAT', error_message: 'Invalid phone.' }] } }, [{ field: 'mobile_phone', type: 'INVALID_FORMAT', message: 'Invalid phone.' }]],
		['Marketing, with a path', { errors: [{ error_type: 'CANNOT_BE_NULL', error_message: 'Cannot be null.', path: 'body.payload.email' }] }, [{ field: 'email', type: 'CANNOT_BE_NULL', message: 'Cannot be null.' }]],
		['CRM, a sentence', { errors: 'Token inválido' }, [{ message: 'Token inválido' }]],
		['CRM, Rails per field', { errors: { name: ['não pode ficar em branco'] } }, [{ field: 'name', message: 'não pode ficar em branco' }]],
		['CRM, error key', { error: 'Limite excedido' }, [{ message: 'Limite excedido' }]],
		['an HTML page', '<html><body>Bad Gateway</body></html>', []],
	])('reads %s', (_label, body, expected) => {
		expect(rdStationComplaints(body)).toEqual(expected);
	});

	it('names the field of a 422, and suggests the field mapping', () => {
		const error = rdStationError('crm', answer(422, { errors: { title: ['é muito longo (máximo: 255 caracteres)'] } }), 'create the contact Maria Silva');
		expect(error.message).toBe("RD Station CRM refused to create the contact Maria Silva: the field 'title': é muito longo (máximo: 255 caracteres). Check the field mapping.");
		expect(error.details).toMatchObject({ status: 422, code: 'INVALID' });
	});

	it('says an outage is temporary and was retried', () => {
		const error = rdStationError('marketing', answer(503, '<html>Service Unavailable</html>'), 'save the contact ana@example.com');
		expect(error.message).toBe('RD Station Marketing failed (HTTP 503) while trying to save the contact ana@example.com. Try again later.');
		expect(error.details.hint).toContain('already retried');
	});

	it("keeps RD Station's own error type as the code of a rate limit", () => {
		const error = rdStationError('marketing', answer(429, { errors: { error_type: 'TOO_MANY_REQUESTS', error_message: 'Too many requests.' } }), 'save the contact ana@example.com');
		expect(error.message).toBe('RD Station Marketing is limiting the request rate and still refused to save the contact ana@example.com after several retries.');
		expect(error.details).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
	});

	it('tells a missing permission from a wrong token', () => {
		const error = rdStationError('marketing', answer(403, { errors: { error_type: 'ACCESS_DENIED', error_message: 'Access denied.' } }), 'delete the contact');
		expect(error.message).toBe('RD Station Marketing did not allow the request to delete the contact: Access denied.');
		expect(error.details.hint).toContain('lacks the permission');
	});
});
