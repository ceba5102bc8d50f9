#!/usr/bin/env bash
# Installs what the local stack needs (PostgreSQL 15 + PostGIS + pgRouting, Java 17 and Maven, Node.js, npm, nginx and chromium from Debian, Kafka jars from Maven Central; with `python`, Python 3.11 and its venv module only); idempotent.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

apt_updated=0
# apt_install WHAT PACKAGE...: installs Debian packages (needs root); the package lists are refreshed once per run.
apt_install() {
  local what=$1; shift
  [[ $EUID -eq 0 ]] || die "$what missing and apt-get needs root: run this script as root (or apt-get install -y $*)"
  echo "$what: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  if [[ $apt_updated == 0 ]]; then
    apt-get update -q
    apt_updated=1
  fi
  apt-get install -y -q "$@"
}

# --- Python 3.11 and its venv module (`install.sh python`: only this, then exit) -----------------------------
# The Makefile runs this before it creates .venv, which everything else needs. Debian ships ensurepip apart, in
# python3.11-venv, which a fresh machine lacks: `python3.11 -m venv` then leaves a .venv without pip.
BASE_PYTHON=${BASE_PYTHON:-python3.11}
python_ready() { command -v "$BASE_PYTHON" >/dev/null && "$BASE_PYTHON" -c 'import ensurepip, venv' 2>/dev/null; }
if [[ ${1:-} == python ]]; then
  if python_ready; then
    echo "python: $BASE_PYTHON with venv already installed"
  else
    apt_install "python ($BASE_PYTHON with venv)" "${BASE_PYTHON##*/}" "${BASE_PYTHON##*/}-venv"
    hash -r   # forget where bash last looked for it
    python_ready || die "apt-get finished but $BASE_PYTHON still cannot create a venv (import ensurepip, venv failed)"
  fi
  exit 0
fi

# --- PostgreSQL 15 + PostGIS 3 + pgRouting (Debian packages) -------------------------------------------
pg_ready() {
  [[ -x $PG_BIN/initdb && -f $PG_EXT_DIR/postgis.control && -f $PG_EXT_DIR/pgrouting.control ]]
}
if pg_ready; then
  echo "postgresql: 15 + postgis + pgrouting already installed"
else
  apt_install "postgresql (15 + postgis + pgrouting)" postgresql-15-postgis-3 postgresql-15-pgrouting
  pg_ready || die "apt-get finished but $PG_BIN/initdb or the postgis/pgrouting control files are still missing"
fi

# --- Java 17 (runs Kafka) and Maven (fetches its jars once) from Debian -----------------------------------
# Maven is needed only while the jars are missing; Java whenever Kafka runs.
java_packages=()
command -v java >/dev/null || java_packages+=(openjdk-17-jre-headless)
[[ -f $KAFKA_MARKER ]] || command -v mvn >/dev/null || java_packages+=(maven)
if [[ ${#java_packages[@]} -gt 0 ]]; then
  apt_install "java/maven" "${java_packages[@]}"
  hash -r   # forget where bash last looked for java and mvn
  command -v java >/dev/null || die "apt-get finished but java is still not on PATH"
  [[ -f $KAFKA_MARKER ]] || command -v mvn >/dev/null || die "apt-get finished but mvn is still not on PATH"
else
  echo "java/maven: nothing to install"
fi

# --- The web pages: Node.js and npm build them, nginx serves them (the gateway), chromium runs the browser tests ---
# nginx and chromium are looked for where Debian puts them (the gateway and the browser tests use those paths), or
# where ECOSAFE_NGINX / ECOSAFE_CHROMIUM say.
NGINX=${ECOSAFE_NGINX:-/usr/sbin/nginx}
CHROMIUM=${ECOSAFE_CHROMIUM:-/usr/bin/chromium}
web_packages=()
command -v node >/dev/null || web_packages+=(nodejs)
command -v npm >/dev/null || web_packages+=(npm)
[[ -x $NGINX ]] || web_packages+=(nginx-light)
[[ -x $CHROMIUM ]] || web_packages+=(chromium)
# Without a CJK font the browser draws the pages' Chinese as boxes (screenshots, a kiosk without desktop fonts).
{ command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; } || web_packages+=(fonts-wqy-microhei)
if [[ ${#web_packages[@]} -gt 0 ]]; then
  apt_install "web (node, npm, nginx, chromium, CJK font)" "${web_packages[@]}"
  hash -r
  command -v node >/dev/null && command -v npm >/dev/null && [[ -x $NGINX && -x $CHROMIUM ]] \
    || die "apt-get finished but node, npm, $NGINX or $CHROMIUM is still missing"
else
  echo "web: node, npm, nginx, chromium and a CJK font already installed"
fi

# --- Apache Kafka (jars from Maven Central) -------------------------------------------------------------
[[ -n $KAFKA_VERSION ]] || die "could not read <kafka.version> from $LOCAL_DIR/kafka/pom.xml"
# Jars that kafka.Kafka and kafka.tools.StorageTool load: a missing one means Kafka's dependency tree changed.
need_jars=("kafka_2.13-$KAFKA_VERSION.jar" "kafka-metadata-$KAFKA_VERSION.jar" "kafka-server-$KAFKA_VERSION.jar"
           "kafka-server-common-$KAFKA_VERSION.jar" "kafka-raft-$KAFKA_VERSION.jar" "kafka-clients-$KAFKA_VERSION.jar"
           "kafka-storage-$KAFKA_VERSION.jar" "kafka-group-coordinator-$KAFKA_VERSION.jar")
if [[ -f $KAFKA_MARKER ]]; then
  echo "kafka: $KAFKA_VERSION jars already in $KAFKA_LIBS"
  exit 0
fi
echo "kafka: fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its runtime dependencies into $KAFKA_LIBS"
rm -rf "$KAFKA_LIBS"   # a half-copied folder from an interrupted run must not pass for a complete one
mkdir -p "$KAFKA_LIBS"
# Maven's output goes to a log shown only on failure (with -q it still prints stray colour codes).
mvn_log="$REPO/.local/kafka-libs/maven-$KAFKA_VERSION.log"
mvn -q -B -f "$LOCAL_DIR/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" >"$mvn_log" 2>&1 \
  || { cat "$mvn_log" >&2
       die "could not fetch Apache Kafka $KAFKA_VERSION (org.apache.kafka:kafka_2.13) from Maven Central; Maven's output is above"; }
for jar in "${need_jars[@]}"; do
  [[ -f $KAFKA_LIBS/$jar ]] || die "Apache Kafka $KAFKA_VERSION: $jar missing from $KAFKA_LIBS after Maven resolution"
done
# The SLF4J binding we add must match the log4j-core Kafka brings, or logging breaks in odd ways.
core_jar=("$KAFKA_LIBS"/log4j-core-*.jar) binding_jar=("$KAFKA_LIBS"/log4j-slf4j-impl-*.jar)
[[ -f ${core_jar[0]} && -f ${binding_jar[0]} ]] \
  || die "Apache Kafka $KAFKA_VERSION: log4j-core or log4j-slf4j-impl jar missing from $KAFKA_LIBS"
core=${core_jar[0]##*/log4j-core-} binding=${binding_jar[0]##*/log4j-slf4j-impl-}
[[ $core == "$binding" ]] \
  || die "log4j-slf4j-impl ${binding%.jar} does not match log4j-core ${core%.jar}: set <log4j.version> in $LOCAL_DIR/kafka/pom.xml to ${core%.jar}"
# Loading the storage tool proves the classpath is complete, not just that files arrived.
java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid >/dev/null 2>"$KAFKA_LIBS/.check.log" \
  || { cat "$KAFKA_LIBS/.check.log" >&2; die "Apache Kafka $KAFKA_VERSION: kafka.tools.StorageTool does not run from $KAFKA_LIBS"; }
rm -f "$KAFKA_LIBS/.check.log"
date -u +%FT%TZ > "$KAFKA_MARKER"
jars=("$KAFKA_LIBS"/*.jar)
echo "kafka: $KAFKA_VERSION ready (${#jars[@]} jars, $(du -sh "$KAFKA_LIBS" | cut -f1))"
