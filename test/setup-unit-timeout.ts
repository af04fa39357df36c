// Unit tests are pure and quick, but a few (the XSD samples, the simulator's property runs) take seconds of CPU: on a
// loaded two-core CI machine they came close to Jest's default 5 s. Their speed is measured in benchmarks, not here.
jest.setTimeout(30_000);
