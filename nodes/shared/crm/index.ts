export type { CrmNodeDefinition, ParameterReader } from './crm-definition';
export { crmNodeDescription, crmNodeMethods, executeCrmNode } from './crm-node';
