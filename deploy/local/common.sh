# Shared settings for install.sh and stack.sh (sourced, not run): paths and the pinned Kafka version.
# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$LOCAL_DIR/../.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
PG_EXT_DIR=/usr/share/postgresql/15/extension
# Read the version from the pom so it is pinned in exactly one place.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$LOCAL_DIR/kafka/pom.xml")"
KAFKA_LIBS="$REPO/.local/kafka-libs/$KAFKA_VERSION"
KAFKA_MARKER="$KAFKA_LIBS/.complete"

die() { echo "error: $*" >&2; exit 1; }
