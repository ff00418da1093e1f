#!/usr/bin/env bash
# Builds the container image of one service: bash deploy/docker/build-image.sh <app>
# (the `container` Nx target of each app calls it). Fails with exit code 2 and a clear message when
# no Docker engine is reachable.
#
#   IMAGE_REPOSITORY  image name, default relay-proxy/<app>
#   IMAGE_TAG         tag, default the product version of package.json
#   DOCKER            the docker client to use, default docker
#   DRY_RUN=1         print the docker build command instead of running it (no engine needed)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="${1:-}"

case "$app" in
  # The V2 image's public port is 7000 and existing Services and ingresses target it
  # (spec/configuration.md §2.1 PORT); the Primary-side services keep the default 8000.
  sdk-gateway | sse-fanout | relay-proxy) port=7000 ;;
  saas-sync | metrics-forwarder) port=8000 ;;
  *)
    echo "usage: build-image.sh <saas-sync|sdk-gateway|sse-fanout|metrics-forwarder|relay-proxy> (got '${app}')" >&2
    exit 64
    ;;
esac
if [[ ! -f "$root/apps/$app/src/main.ts" ]]; then
  echo "build-image.sh: apps/$app/src/main.ts does not exist, so there is no $app image to build" >&2
  exit 65
fi

version="$(node -p "require('$root/package.json').version")"
image="${IMAGE_REPOSITORY:-relay-proxy/$app}:${IMAGE_TAG:-$version}"
docker_cli="${DOCKER:-docker}"
command=("$docker_cli" build
  --file "$root/deploy/docker/service.Dockerfile"
  --build-arg "APP=$app"
  --build-arg "PORT=$port"
  --build-arg "VERSION=$version"
  --tag "$image"
  "$root")

if [[ "${DRY_RUN:-}" == "1" ]]; then
  printf '%q ' "${command[@]}"
  printf '\n'
  exit 0
fi
if ! command -v "$docker_cli" >/dev/null 2>&1; then
  echo "build-image.sh: cannot build $image: the docker client '$docker_cli' is not installed" >&2
  exit 2
fi
if ! "$docker_cli" info >/dev/null 2>&1; then
  echo "build-image.sh: cannot build $image: no Docker engine is reachable ('$docker_cli info' failed)." >&2
  echo "Start a Docker engine or point DOCKER_HOST at one; this script never builds without one." >&2
  exit 2
fi
echo "building $image (APP=$app, PORT=$port)"
"${command[@]}"
