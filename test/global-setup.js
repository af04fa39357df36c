// Creates this test run's own topics (a per-run prefix + the platform's topic names), so that neither a platform
// running on the same broker nor another test run ever sees this run's traffic. test/global-teardown.js removes them.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  process.env.TRAJECTWACHT_TOPIC_PREFIX ??= `test.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.`;
  execFileSync('node', [path.join(__dirname, '..', 'tools', 'create-topics.js')], { stdio: 'inherit', env: process.env });
};
