// Creates the integration tests' own topics ("test." + the platform's topic names) once per test run.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  process.env.TRAJECTWACHT_TOPIC_PREFIX ??= 'test.';
  execFileSync('node', [path.join(__dirname, '..', 'tools', 'create-topics.js')], { stdio: 'inherit', env: process.env });
};
