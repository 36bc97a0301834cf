# shellcheck shell=bash
# Real triplestores for the integration tests, bound to 127.0.0.1 on free ports,
# each with its own temporary database folder. Sourced by .ci/run (and by a
# developer: `. .ci/servers.sh && start_servers`, later `stop_servers`).
#
#   start_servers  starts an Oxigraph server (PyPI `oxigraph`) and Virtuoso
#                  (Debian `virtuoso-opensource-7`), waits (bounded) until both
#                  answer, checks that Virtuoso's digest-auth Graph Store endpoint
#                  really accepts a PUT from dba, and exports
#                  EPKG_OXIGRAPH_URL, EPKG_VIRTUOSO_URL, EPKG_VIRTUOSO_USER,
#                  EPKG_VIRTUOSO_PASSWORD (dba/dba: a throw-away test database).
#   stop_servers   stops them (only the processes it started, by pid) and
#                  removes the temporary folders.

EPKG_SERVERS_WAIT_S="${EPKG_SERVERS_WAIT_S:-60}"

_epkg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# _epkg_wait_http URL NAME PID: poll URL until it answers HTTP (any status), bounded.
_epkg_wait_http() {
  python3 - "$1" "$2" "$3" "$EPKG_SERVERS_WAIT_S" <<'PY'
import os, sys, time
import httpx
url, name, pid, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(f"{name} exited while starting (see its log)")
    try:
        httpx.get(url, timeout=2.0)
        sys.exit(0)
    except httpx.HTTPError:
        time.sleep(0.2)
sys.exit(f"{name} did not answer at {url} within {limit:.0f} s")
PY
}

_epkg_virtuoso_ini() {
  # $1 folder, $2 SQL (isql) port, $3 HTTP port
  cat >"$1/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $1/virtuoso.db
ErrorLogFile       = $1/virtuoso.log
LockFile           = $1/virtuoso.lck
TransactionFile    = $1/virtuoso.trx
xa_persistent_file = $1/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $1/virtuoso-temp.db
TransactionFile    = $1/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$2
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., $1, /usr/share/virtuoso-opensource-7/vad
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort                  = 127.0.0.1:$3
ServerRoot                  = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections        = 10
ServerThreads               = 10
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
INI
}

# Checks that dba can replace a graph through the digest-auth Graph Store endpoint
# (PUT, then a COUNT through /sparql, then DELETE); grants SPARQL_UPDATE once if not.
_epkg_virtuoso_check_gsp() {
  python3 - "$EPKG_VIRTUOSO_URL" "$EPKG_VIRTUOSO_USER" "$EPKG_VIRTUOSO_PASSWORD" <<'PY'
import sys
import httpx
base, user, password = sys.argv[1:4]
graph = "urn:epkg:ci:check"
auth = httpx.DigestAuth(user, password)
params = {"graph-uri": graph}
body = b"<urn:epkg:s> <urn:epkg:p> <urn:epkg:o> .\n"
with httpx.Client(timeout=10.0) as client:
    put = client.put(f"{base}/sparql-graph-crud-auth", params=params, content=body,
                     headers={"Content-Type": "application/n-triples"}, auth=auth)
    if put.status_code not in (200, 201, 204):
        sys.exit(f"PUT {put.status_code}: {put.text[:200]}")
    ask = client.get(f"{base}/sparql", params={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
                     headers={"Accept": "application/sparql-results+json"})
    if not ask.json().get("boolean"):
        sys.exit("PUT accepted but the graph is empty")
    client.delete(f"{base}/sparql-graph-crud-auth", params=params, auth=auth)
PY
}

start_servers() {
  EPKG_SERVERS_DIR="$(mktemp -d -t epkg-servers.XXXXXX)"
  export EPKG_SERVERS_DIR
  mkdir -p "$EPKG_SERVERS_DIR/oxigraph" "$EPKG_SERVERS_DIR/virtuoso"

  local ox_port vt_http vt_sql
  ox_port="$(_epkg_free_port)"
  vt_http="$(_epkg_free_port)"
  vt_sql="$(_epkg_free_port)"

  oxigraph serve --location "$EPKG_SERVERS_DIR/oxigraph/db" --bind "127.0.0.1:$ox_port" \
    >"$EPKG_SERVERS_DIR/oxigraph/server.log" 2>&1 &
  EPKG_OXIGRAPH_PID=$!

  _epkg_virtuoso_ini "$EPKG_SERVERS_DIR/virtuoso" "$vt_sql" "$vt_http"
  (cd "$EPKG_SERVERS_DIR/virtuoso" && exec virtuoso-t +foreground +configfile virtuoso.ini \
    >"$EPKG_SERVERS_DIR/virtuoso/server.out" 2>&1) &
  EPKG_VIRTUOSO_PID=$!
  export EPKG_OXIGRAPH_PID EPKG_VIRTUOSO_PID EPKG_VIRTUOSO_SQL_PORT="$vt_sql"

  export EPKG_OXIGRAPH_URL="http://127.0.0.1:$ox_port"
  export EPKG_VIRTUOSO_URL="http://127.0.0.1:$vt_http"
  export EPKG_VIRTUOSO_USER=dba
  export EPKG_VIRTUOSO_PASSWORD=dba

  _epkg_wait_http "$EPKG_OXIGRAPH_URL/query?query=ASK%7B%7D" oxigraph "$EPKG_OXIGRAPH_PID" || {
    tail -n 20 "$EPKG_SERVERS_DIR/oxigraph/server.log" >&2; stop_servers; return 1; }
  _epkg_wait_http "$EPKG_VIRTUOSO_URL/sparql?query=ASK%7B%7D" virtuoso "$EPKG_VIRTUOSO_PID" || {
    tail -n 20 "$EPKG_SERVERS_DIR/virtuoso/virtuoso.log" >&2; stop_servers; return 1; }

  if ! _epkg_virtuoso_check_gsp 2>/dev/null; then
    isql-vt "127.0.0.1:$vt_sql" dba dba \
      exec="GRANT SPARQL_UPDATE TO \"dba\"; GRANT SPARQL_UPDATE TO \"SPARQL\";" >/dev/null
    _epkg_virtuoso_check_gsp || {
      echo "virtuoso: dba cannot write through /sparql-graph-crud-auth" >&2; stop_servers; return 1; }
  fi
  echo "servers: oxigraph $EPKG_OXIGRAPH_URL, virtuoso $EPKG_VIRTUOSO_URL (folder $EPKG_SERVERS_DIR)"
}

# _epkg_stop PID: TERM, wait up to 10 s, then KILL; only the pid we started.
_epkg_stop() {
  local pid="$1" i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_servers() {
  _epkg_stop "${EPKG_OXIGRAPH_PID:-}"
  _epkg_stop "${EPKG_VIRTUOSO_PID:-}"
  if [ -n "${EPKG_SERVERS_DIR:-}" ] && [ -d "$EPKG_SERVERS_DIR" ]; then
    rm -rf "$EPKG_SERVERS_DIR"
  fi
  unset EPKG_OXIGRAPH_PID EPKG_VIRTUOSO_PID EPKG_SERVERS_DIR EPKG_VIRTUOSO_SQL_PORT \
    EPKG_OXIGRAPH_URL EPKG_VIRTUOSO_URL EPKG_VIRTUOSO_USER EPKG_VIRTUOSO_PASSWORD
}
