#!/usr/bin/env bash
# Starts the packaged server on its embedded defaults in a scratch folder, uploads a photo and runs
# the README's photo and species-card examples against it with curl; writes what they printed to
# docs/photo-api-examples.txt. Needs bootstrap-server/target/fieldmark-server.jar (./fieldmark builds it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/bootstrap-server/target/fieldmark-server.jar"
images=${IMAGES:-$root/adapter-local/src/test/resources/photos}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
cp "$images/owl.jpg" .
port=18081
java -jar "$jar" --server.port=$port --photos.max-count=500 > server.log 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.5; done
base="http://127.0.0.1:8080"
run() { # prints the command as the README shows it (port 8080), then runs it against $port
  echo "\$ $1"
  eval "${1//127.0.0.1:8080/127.0.0.1:$port}"
  echo
}
curl -s -X POST "http://127.0.0.1:$port/v1/classify?key=owl.jpg" -H "Content-Type: image/jpeg" \
  --data-binary @owl.jpg > /dev/null
id=$(curl -s "http://127.0.0.1:$port/v1/sightings?limit=1" | sed -E 's/.*"sightings":\[\{"id":"([^"]+)".*/\1/')
day=$(date +%F)
{
  run "curl -s \"$base/v1/sightings?day=$day&limit=1\""
  run "curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes\\n' $base/v1/sightings/$id/photo"
  run "curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes\\n' $base/v1/sightings/$id/preview"
  run "curl -s -o /dev/null -w '%{http_code}\\n' -X PUT \"$base/v1/species/Athene%20cunicularia/best\" -H \"Content-Type: application/json\" -d '{\"sightingId\": \"$id\"}'"
  run "curl -s \"$base/v1/species/Athene%20cunicularia\""
  run "curl -s \"$base/v1/species/Aquila%20nonexistens\""
} | tr -d '\r' > "$root/docs/photo-api-examples.txt"
echo "--- server log (first lines)"; head -n 12 server.log
