#!/usr/bin/env bash
# Validates the deployment files without a container engine or a cluster:
#   - renders the example kustomize overlay (kubectl kustomize);
#   - runs `docker compose config` when the compose plugin is installed (it needs no engine);
#   - runs the structural tests of docker/ and deploy/k8s/ (series names vs the metrics registry,
#     compose/Dockerfile/kustomize structure, variables documented in .env.example).
# Usage (CI): bash scripts/validate-deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

kubectl kustomize deploy/k8s/overlays/example > /dev/null
echo "kustomize: deploy/k8s/overlays/example renders"

if docker compose version > /dev/null 2>&1; then
  ENCRYPTION_KEYS="k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" \
    docker compose -f docker/compose.yml --profile observability config --quiet
  echo "compose: docker/compose.yml is valid"
else
  echo "compose: docker compose plugin not installed; structural test only"
fi

npx jest --selectProjects integration --runTestsByPath test/integration/ops/deploy-files.test.ts
