#!/usr/bin/env bash
# Starts the packaged server on its embedded defaults in a scratch folder (its own ./birds and
# ./data), runs the README's API examples against it with curl, and writes what they printed to
# docs/api-examples.txt. Needs bootstrap-server/target/fieldmark-server.jar (./fieldmark builds it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/bootstrap-server/target/fieldmark-server.jar"
images=${IMAGES:-$root/adapter-local/src/test/resources/photos}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
cp "$images/owl.jpg" "$images/parrot.jpg" "$images/bird.bmp" .
printf 'my birding notes\n' > notes.txt
port=18080
java -jar "$jar" --server.port=$port > server.log 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.5; done
base="http://127.0.0.1:8080"
run() { # prints the command as the README shows it (port 8080), then runs it against $port
  echo "\$ $1"
  eval "${1//127.0.0.1:8080/127.0.0.1:$port}"
  echo
}
{
  run "curl -s -X POST \"$base/v1/classify?key=owl.jpg&top_k=3\" -H \"Content-Type: image/jpeg\" --data-binary @owl.jpg"
  run "curl -s -X POST \"$base/v1/classify?key=bird.bmp\" -F image=@bird.bmp"
  run "cp parrot.jpg birds/ && sleep 1.5 && curl -s \"$base/v1/identifications?limit=1\""
  run "curl -s -X POST $base/v1/identify -H \"Content-Type: application/json\" -d '{\"key\": \"parrot.jpg\"}'"
  run "curl -s \"$base/v1/sightings?limit=2\""
  run "curl -s $base/v1/species"
  id=$(curl -s "http://127.0.0.1:$port/v1/sightings?limit=1" | sed -E 's/.*"sightings":\[\{"id":"([^"]+)".*/\1/')
  run "curl -s -X POST $base/v1/sightings/$id/review -H \"Content-Type: application/json\" -d '{\"label\": \"Ara militaris\"}'"
  run "curl -s $base/v1/sightings.csv"
  run "curl -si -X POST \"$base/v1/classify\" -H \"Content-Type: image/jpeg\" --data-binary @notes.txt"
  run "curl -si -X POST $base/v1/identify -H \"Content-Type: application/json\" -d '{\"url\": \"http://169.254.169.254/latest/meta-data/\"}'"
  run "curl -s $base/ready"
  run "curl -s $base/metrics | grep '^fieldmark_identifications_total'"
  run "curl -s $base/metrics | grep '^fieldmark_deliveries'"
} | tr -d '\r' > "$root/docs/api-examples.txt"
echo "--- server log (first lines)"; head -n 12 server.log
echo "wrote $root/docs/api-examples.txt" >&2
