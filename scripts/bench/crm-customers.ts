import type { CrmCustomer } from '../../core/crm';
import { seededRandom } from './seeded-random';

const FIRST_NAMES = ['Maria', 'Ana', 'João', 'Pedro', 'Lucas', 'Juliana', 'Carla', 'Rafael', 'Beatriz', 'Gabriel', 'Fernanda', 'Bruno'];
const LAST_NAMES = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Costa', 'Ferreira', 'Almeida', 'Ribeiro'];

/** A customer to sync, and whether HubSpot already has them (as someone typed them in, under another name). */
export interface CrmBenchCustomer {
	customer: CrmCustomer;
	inHubSpot: boolean;
}

/**
 * Customers with an e-mail, a Brazilian mobile number and a name, the same on every run; a share
 * `existing` of them is already in HubSpot, so their sync is an update.
 */
export function crmCustomers(count: number, existing: number, seed = 42): CrmBenchCustomer[] {
	const random = seededRandom(seed);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	return Array.from({ length: count }, (_, index) => {
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		const email = `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${last.toLowerCase()}.${index}@example.com`;
		const phone = `+55119${String(10_000_000 + index).padStart(8, '0')}`;
		return { customer: { id: `cus_${index}`, name: `${first} ${last}`, emails: [email], phones: [phone], traits: {} }, inHubSpot: random() < existing };
	});
}
