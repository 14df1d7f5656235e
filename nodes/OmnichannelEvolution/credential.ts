/** The credential both Evolution API nodes use: server, API key, instance, webhook proof. */
export const EVOLUTION_CREDENTIAL = 'omnichannelEvolutionApi';
