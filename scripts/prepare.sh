# Sourced by the entry scripts (run.sh, test.sh, test-resilience.sh): from the repository root, install and build
# as needed, start the local infrastructure that is not reachable, and load the secrets (generated once when unset).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false

bash scripts/ensure-deps.sh
bash infra/scripts/infra.sh up
source scripts/secrets.sh
