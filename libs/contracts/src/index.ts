/**
 * The typed contract of every Kafka topic (one module per topic): the payload as a discriminated union, a check that
 * reads untrusted input into it (or throws a ContractError naming the field), and an encoder. Pure TypeScript.
 */
export * from './decode';
export * from './headers';
export * from './berichten';
export * from './geaccepteerd';
export * from './retour';
export * from './trajectory-events';
export * from './alerts';
export * from './deadletter';
export * from './live';
export * from './vervolg';
