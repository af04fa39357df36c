/** Injection tokens of the shared platform providers. */
export const CONFIG = Symbol('PlatformConfig');
export const KAFKA = Symbol('Kafka');
export const PRODUCER = Symbol('KafkaProducer');
export const DATA_SOURCE = Symbol('DataSource');
export const OUTBOX_RELAY = Symbol('OutboxRelay');
export const SERVICE_NAME = Symbol('ServiceName');
