import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import type { CrmAdapter } from '../../../core/crm/types';
import { RdStationCrmAdapter, RdStationMarketingAdapter, type RdStationMarketingConfig, type RdStationProduct } from '../../../core/crm/rdstation';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { RD_STATION_CRM_CREDENTIAL, RD_STATION_MARKETING_CREDENTIAL, rdStationCrmConfig, rdStationMarketingConfig } from '../credential';

/**
 * The adapter of the chosen RD Station product, calling through n8n with that product's
 * credential: the CRM token as the `token` query parameter, or Marketing's OAuth2 Bearer token.
 * `marketing` holds the Marketing-only options a node may offer (the custom field that
 * receives an activity's text, the conversion identifier's prefix).
 */
export async function rdStationAdapter(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	product: RdStationProduct,
	itemIndex?: number,
	marketing: Omit<RdStationMarketingConfig, 'baseUrl'> = {},
): Promise<CrmAdapter> {
	if (product === 'crm') {
		const credential = await context.getCredentials(RD_STATION_CRM_CREDENTIAL, itemIndex);
		return new RdStationCrmAdapter(n8nHttpClient(context, RD_STATION_CRM_CREDENTIAL), rdStationCrmConfig(credential));
	}
	const credential = await context.getCredentials(RD_STATION_MARKETING_CREDENTIAL, itemIndex);
	return new RdStationMarketingAdapter(n8nHttpClient(context, RD_STATION_MARKETING_CREDENTIAL), rdStationMarketingConfig(credential, marketing));
}
