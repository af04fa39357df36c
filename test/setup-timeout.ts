// Integration tests talk to a real broker, database and Redis: allow for consumer-group joins and rebalances.
jest.setTimeout(120_000);
