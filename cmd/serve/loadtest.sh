#!/bin/sh
# loadtest.sh: the server benchmark. Serves the site (built or from -bundle),
# then runs wrk (Debian package wrk) with 64 connections for 30 s, once on
# the page (index.html) and once on the wasm bundle with Accept-Encoding: br,
# and prints requests/s and errors for each. The server compresses at brotli
# quality 11 before it is ready (-brotli 11: no background recompression
# competing with the benchmark). wrk's timeout is raised to 30 s: 64
# concurrent downloads of a 4 MB body share one loopback and two cores, and
# wrk's default of 2 s would count slow-but-complete responses as errors.
#
#   cmd/serve/loadtest.sh                 # build the site (cached) and measure
#   BUNDLE=/tmp/site cmd/serve/loadtest.sh  # measure an exported site
#   DURATION=10s CONNS=16 cmd/serve/loadtest.sh
set -eu
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "loadtest: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
ADDR=${ADDR:-127.0.0.1:18080}
CONNS=${CONNS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
bin=$(mktemp -d)/serve
go build -o "$bin" ./cmd/serve
log=$(mktemp)
if [ -n "${BUNDLE:-}" ]; then
	"$bin" -addr "$ADDR" -bundle "$BUNDLE" 2>"$log" &
else
	"$bin" -addr "$ADDR" -brotli 11 2>"$log" &
fi
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$(dirname "$bin")" "$log"' EXIT
i=0
until grep -q "ready: open" "$log"; do
	if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
	i=$((i + 1)); [ "$i" -lt 1800 ] || { echo "loadtest: server not ready" >&2; exit 1; }
	sleep 1
done
# The wasm's hashed name, from the page's references.
wasm=$(curl -s "http://$ADDR/stage.html" "http://$ADDR/" | grep -o '[A-Za-z0-9_/.-]*app\.[0-9a-f]\{8\}\.wasm' | head -1)
if [ -z "$wasm" ]; then
	for js in $(curl -s "http://$ADDR/stage.html" "http://$ADDR/" | grep -o '[a-z_]*\.[0-9a-f]\{8\}\.js' | sort -u); do
		wasm=$(curl -s "http://$ADDR/$js" | grep -o 'app\.[0-9a-f]\{8\}\.wasm' | head -1)
		[ -n "$wasm" ] && break
	done
fi
[ -n "$wasm" ] || { echo "loadtest: no app.<hash>.wasm referenced by the page" >&2; exit 1; }
size=$(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "http://$ADDR/${wasm#/}")
echo "server: $ADDR, wasm /${wasm#/} ($size bytes with br), $CONNS connections, $DURATION, $THREADS wrk threads"
for target in "/" "/${wasm#/}"; do
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 30s -H 'Accept-Encoding: br' "http://$ADDR$target")
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	tps=$(echo "$out" | awk '/Transfer\/sec/ {print $2}')
	lat=$(echo "$out" | awk '/Latency/ {print $2}')
	errs=$(echo "$out" | awk '/Socket errors/ {sub(/^ */, ""); print}')
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
	echo "GET $target: ${rps} requests/s, ${tps}/s, mean latency ${lat}, non-2xx ${non2xx:-0}, ${errs:-socket errors: none}"
done
